/**
 * One unmasked, final, binary WebSocket frame (RFC 6455 §5.2) around `payload`. Server frames
 * are not masked, so the same bytes can go to every member of a room: a broadcast is framed once
 * and written to each socket as one buffer, instead of ws framing it again per socket.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const len = payload.length
  const header = len < 126 ? 2 : len < 65536 ? 4 : 10
  const out = Buffer.allocUnsafe(header + len)
  out[0] = 0x82 // FIN + opcode 2 (binary)
  if (len < 126) {
    out[1] = len
  } else if (len < 65536) {
    out[1] = 126
    out.writeUInt16BE(len, 2)
  } else {
    out[1] = 127
    out.writeUInt32BE(Math.floor(len / 2 ** 32), 2)
    out.writeUInt32BE(len >>> 0, 6)
  }
  out.set(payload, header)
  return out
}
