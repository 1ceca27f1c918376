import net from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP proxy whose downstream (server → client) runs at `bytesPerSecond`: a slow client's
 * link. It reads from the server only as fast as it forwards, so the server's own send buffer
 * fills, as it would for a real slow client.
 */
export class ThrottledProxy {
  #server: net.Server | null = null
  #sockets = new Set<net.Socket>()
  port = 0

  constructor(
    readonly target: { host: string; port: number },
    readonly bytesPerSecond: number,
  ) {}

  async start(): Promise<this> {
    const tickMs = 10
    const perTick = Math.max(1, Math.floor((this.bytesPerSecond * tickMs) / 1000))
    this.#server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      this.#sockets.add(client).add(upstream)
      client.pipe(upstream) // client → server at full speed
      const queue: Buffer[] = []
      let queued = 0
      upstream.on('data', (chunk: Buffer) => {
        queue.push(chunk)
        queued += chunk.length
        if (queued > 4 * perTick) upstream.pause()
      })
      const timer = setInterval(() => {
        let budget = perTick
        while (budget > 0 && queue.length > 0) {
          const head = queue[0]!
          const take = head.subarray(0, budget)
          client.write(take)
          budget -= take.length
          queued -= take.length
          if (take.length === head.length) queue.shift()
          else queue[0] = head.subarray(take.length)
        }
        if (queued <= 4 * perTick) upstream.resume()
      }, tickMs)
      const end = () => {
        clearInterval(timer)
        client.destroy()
        upstream.destroy()
      }
      upstream.on('close', () => {
        // Forward what is left, then close.
        const flush = setInterval(() => {
          if (queue.length === 0) {
            clearInterval(flush)
            end()
          }
        }, tickMs)
      })
      client.on('close', end)
      client.on('error', end)
      upstream.on('error', end)
    })
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.#server!.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy()
    await new Promise((r) => this.#server?.close(r))
  }
}
