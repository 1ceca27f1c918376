import net from 'node:net'

/**
 * A TCP proxy in front of the server for one chaos client: the client's WebSocket goes through
 * it, so the network between them can fail the way real networks do, without touching either
 * end. Both ends stay black boxes: the stock y-websocket client and the built server.
 *
 * - `drop()` resets the live connection at once (Wi-Fi gone): whatever is in flight is lost.
 * - `cutMidStream(direction, bytes)` arms the live connection: the next chunk in that direction
 *   is forwarded only up to `bytes` (usually the middle of a WebSocket frame), then both sides
 *   are destroyed. This is a socket closed in the middle of a stream, mid-frame.
 * - `down()` / `up()`: while down, every new connection is reset as soon as it arrives (the
 *   network is unreachable; the client backs off and retries).
 */
export type Direction = 'up' | 'down'

interface Link {
  client: net.Socket
  server: net.Socket
  /** Armed cut: forward at most `bytes` of the next chunk going `direction`, then destroy. */
  cut: { direction: Direction; bytes: number } | null
}

export class ChaosProxy {
  readonly #server: net.Server
  readonly #links = new Set<Link>()
  #down = false
  port = 0
  /** Counts, for the run summary. */
  readonly stats = { connections: 0, refused: 0, drops: 0, cuts: 0, bytesUp: 0, bytesDown: 0 }

  constructor(readonly target: () => number) {
    this.#server = net.createServer((client) => this.#accept(client))
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server.address() as net.AddressInfo).port
    return this
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/sync`
  }

  get isDown(): boolean {
    return this.#down
  }

  /** How many live connections the proxy carries. */
  get live(): number {
    return this.#links.size
  }

  #accept(client: net.Socket): void {
    client.on('error', () => {})
    if (this.#down) {
      this.stats.refused++
      client.resetAndDestroy()
      return
    }
    this.stats.connections++
    client.setNoDelay(true)
    const server = net.connect({ host: '127.0.0.1', port: this.target() })
    server.setNoDelay(true)
    server.on('error', () => {})
    const link: Link = { client, server, cut: null }
    this.#links.add(link)
    const end = () => {
      if (!this.#links.delete(link)) return
      client.destroy()
      server.destroy()
    }
    client.on('close', end)
    server.on('close', end)
    client.on('data', (chunk: Buffer) => this.#forward(link, 'up', chunk))
    server.on('data', (chunk: Buffer) => this.#forward(link, 'down', chunk))
  }

  #forward(link: Link, direction: Direction, chunk: Buffer): void {
    const to = direction === 'up' ? link.server : link.client
    const cut = link.cut
    if (cut && cut.direction === direction) {
      // Mid-stream: part of this chunk goes through, the rest and everything after is lost.
      const n = Math.min(cut.bytes, Math.max(0, chunk.length - 1))
      this.stats.cuts++
      link.cut = null
      if (n > 0) to.write(chunk.subarray(0, n), () => this.#kill(link))
      else this.#kill(link)
      // Whatever arrives before the write completes is lost too.
      link.client.pause()
      link.server.pause()
      return
    }
    if (direction === 'up') this.stats.bytesUp += chunk.length
    else this.stats.bytesDown += chunk.length
    to.write(chunk)
  }

  #kill(link: Link): void {
    if (!this.#links.delete(link)) return
    link.client.resetAndDestroy()
    link.server.resetAndDestroy()
  }

  /** Resets every live connection now: in-flight data is lost. */
  drop(): void {
    for (const link of [...this.#links]) {
      this.stats.drops++
      this.#kill(link)
    }
  }

  /** Arms every live connection to be cut in the middle of its next chunk in `direction`. */
  cutMidStream(direction: Direction, bytes: number): boolean {
    let armed = false
    for (const link of this.#links) {
      link.cut = { direction, bytes }
      armed = true
    }
    return armed
  }

  /** Disarms pending cuts (the run is healing). */
  disarm(): void {
    for (const link of this.#links) link.cut = null
  }

  down(): void {
    this.#down = true
    this.drop()
  }

  up(): void {
    this.#down = false
  }

  async close(): Promise<void> {
    this.#down = true
    this.drop()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
