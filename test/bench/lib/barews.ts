// The cheapest WebSocket client a load generator can run: a TCP socket that does the HTTP
// upgrade, then only walks frame headers to count messages (payloads are skipped, never copied
// or decoded) and answers pings. At 1,000 sockets the ws client's per-message work would make
// the load generator, not the server, the bottleneck.
import { randomBytes } from 'node:crypto'
import net from 'node:net'

export interface BareSocket {
  /** Data messages received (final frames of opcode 1, 2 or continuation). */
  messages: number
  send(payload: Uint8Array): void
  close(): void
}

/** Client frames must be masked; a zero mask keeps the payload as is (RFC 6455 allows it). */
function maskedFrame(opcode: number, payload: Uint8Array): Buffer {
  const len = payload.length
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8
  const out = Buffer.alloc(2 + ext + 4 + len)
  out[0] = 0x80 | opcode
  if (ext === 0) out[1] = 0x80 | len
  else if (ext === 2) {
    out[1] = 0x80 | 126
    out.writeUInt16BE(len, 2)
  } else {
    out[1] = 0x80 | 127
    out.writeBigUInt64BE(BigInt(len), 2)
  }
  out.set(payload, 2 + ext + 4)
  return out
}

/** Connects and resolves after the server's first data message (it has joined the room). */
export function bareConnect(
  url: string,
  hooks: { onClose?: () => void } = {},
): Promise<BareSocket> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname)
    socket.setNoDelay(true)
    let handshake: Buffer | null = Buffer.alloc(0)
    let joined = false
    // Frame walker state: a partial header carried over, payload bytes left to skip.
    let partial: Buffer | null = null
    let skip = 0
    let control: { opcode: number; data: Buffer[] } | null = null
    const bare: BareSocket = {
      messages: 0,
      send: (payload) => socket.write(maskedFrame(0x2, payload)),
      close: () => socket.destroy(),
    }
    const endControl = () => {
      if (control?.opcode === 0x9) socket.write(maskedFrame(0xa, Buffer.concat(control.data)))
      control = null
    }
    const walk = (chunk: Buffer) => {
      let buf = chunk
      let at = 0
      if (partial) {
        buf = Buffer.concat([partial, chunk])
        partial = null
      }
      while (at < buf.length) {
        if (skip > 0) {
          const n = Math.min(skip, buf.length - at)
          if (control) control.data.push(Buffer.from(buf.subarray(at, at + n)))
          skip -= n
          at += n
          if (skip === 0) endControl()
          continue
        }
        if (buf.length - at < 2) {
          partial = Buffer.from(buf.subarray(at))
          return
        }
        const b0 = buf[at]!
        const len7 = buf[at + 1]! & 0x7f
        const need = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0)
        if (buf.length - at < need) {
          partial = Buffer.from(buf.subarray(at))
          return
        }
        const len =
          len7 === 126
            ? buf.readUInt16BE(at + 2)
            : len7 === 127
              ? Number(buf.readBigUInt64BE(at + 2))
              : len7
        at += need
        const fin = (b0 & 0x80) !== 0
        const opcode = b0 & 0x0f
        if (opcode === 0x8) {
          socket.end()
          return
        }
        if (opcode >= 0x8) control = { opcode, data: [] }
        else if (fin) {
          bare.messages++
          if (!joined) {
            joined = true
            resolve(bare)
          }
        }
        skip = len
        if (len === 0 && control) endControl()
      }
    }
    socket.on('data', (chunk: Buffer) => {
      if (handshake) {
        handshake = Buffer.concat([handshake, chunk])
        const end = handshake.indexOf('\r\n\r\n')
        if (end < 0) return
        if (!handshake.subarray(0, 12).toString().includes('101')) {
          reject(new Error(`upgrade refused: ${handshake.subarray(0, end).toString()}`))
          socket.destroy()
          return
        }
        const rest = handshake.subarray(end + 4)
        handshake = null
        if (rest.length > 0) walk(rest)
        return
      }
      walk(chunk)
    })
    socket.on('error', (err) => {
      if (!joined) reject(err)
    })
    socket.on('close', () => {
      if (!joined) reject(new Error('closed before joining'))
      hooks.onClose?.()
    })
    socket.write(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\n` +
        `Host: ${u.host}\r\n` +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    )
  })
}
