import { describe, expect, it } from 'vitest'
import type { Writable } from 'node:stream'
import * as ws from 'ws'
import { binaryFrame } from './wsframe.js'

// ws's frame parser; exported at runtime, not in @types/ws.
const { Receiver } = ws as unknown as {
  Receiver: new (opts: { isServer: boolean; maxPayload: number }) => Writable
}

/** Parses frames with ws's own client-side receiver (server frames are unmasked). */
function parse(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 })
    receiver.on('message', (data: Buffer, isBinary: boolean) =>
      isBinary ? resolve(data) : reject(new Error('not binary')),
    )
    receiver.on('error', reject)
    receiver.write(frame)
  })
}

describe('binaryFrame', () => {
  it.each([0, 1, 125, 126, 65535, 65536, 300_000])(
    'frames a %i-byte payload as ws reads it',
    async (size) => {
      const payload = new Uint8Array(size).map((_, i) => (i * 31) & 0xff)
      const back = await parse(binaryFrame(payload))
      expect(back.length).toBe(size)
      expect(Buffer.compare(back, Buffer.from(payload))).toBe(0)
    },
  )
})
