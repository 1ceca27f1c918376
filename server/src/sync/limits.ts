import type { IncomingMessage } from 'node:http'

/** Which limit refused a connection, if any. */
export type LimitVerdict = 'ok' | 'room-full' | 'address-full'

/**
 * Connection counts per room and per client address, taken at the upgrade and given back when
 * the socket closes. Pure bookkeeping: the endpoint decides what a refusal looks like (4429).
 */
export class ConnectionLimits {
  readonly #rooms = new Map<string, number>()
  readonly #addresses = new Map<string, number>()

  constructor(readonly limits: { perRoom: number; perAddress: number }) {}

  /** Counts the connection when both limits allow it. */
  acquire(roomId: string, address: string): LimitVerdict {
    if ((this.#addresses.get(address) ?? 0) >= this.limits.perAddress) return 'address-full'
    if ((this.#rooms.get(roomId) ?? 0) >= this.limits.perRoom) return 'room-full'
    this.#addresses.set(address, (this.#addresses.get(address) ?? 0) + 1)
    this.#rooms.set(roomId, (this.#rooms.get(roomId) ?? 0) + 1)
    return 'ok'
  }

  release(roomId: string, address: string): void {
    decrement(this.#addresses, address)
    decrement(this.#rooms, roomId)
  }

  inRoom(roomId: string): number {
    return this.#rooms.get(roomId) ?? 0
  }

  fromAddress(address: string): number {
    return this.#addresses.get(address) ?? 0
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1
  if (n > 0) map.set(key, n)
  else map.delete(key)
}

/**
 * The client's address: the TCP peer, or behind a trusted proxy the last `X-Forwarded-For` entry
 * (the one the proxy itself appended; earlier entries are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for']
    const value = Array.isArray(header) ? header.at(-1) : header
    const last = value?.split(',').at(-1)?.trim()
    if (last) return last
  }
  return req.socket.remoteAddress ?? 'unknown'
}
