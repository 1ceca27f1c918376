// Just enough of the y-websocket wire format for a load generator: varuints and framing. Kept
// here (rather than lib0) so that receivers stay cheap and the test package needs no new deps.

export function varUintLength(n: number): number {
  let len = 1
  while (n > 0x7f) {
    n = Math.floor(n / 128)
    len++
  }
  return len
}

export function writeVarUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f))
    n = Math.floor(n / 128)
  }
  out.push(n)
}

export class Reader {
  pos = 0
  constructor(readonly buf: Uint8Array) {}
  varUint(): number {
    let n = 0
    let mult = 1
    for (;;) {
      const b = this.buf[this.pos++]
      if (b === undefined) throw new Error('truncated varuint')
      n += (b & 0x7f) * mult
      if (b < 0x80) return n
      mult *= 128
    }
  }
  bytes(): Uint8Array {
    const len = this.varUint()
    const out = this.buf.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }
  string(): string {
    return Buffer.from(this.bytes()).toString('utf8')
  }
}

/** `[0, 2, varUint8Array(update)]`: a sync update message. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const head: number[] = [0, 2]
  writeVarUint(head, update.length)
  const out = new Uint8Array(head.length + update.length)
  out.set(head)
  out.set(update, head.length)
  return out
}

/** `[1, varUint8Array([1, clientId, clock, varString(state)])]`: one presence state. */
export function awarenessMessage(clientId: number, clock: number, state: string): Uint8Array {
  const json = Buffer.from(state, 'utf8')
  const inner: number[] = []
  writeVarUint(inner, 1)
  writeVarUint(inner, clientId)
  writeVarUint(inner, clock)
  writeVarUint(inner, json.length)
  const innerLen = inner.length + json.length
  const head: number[] = [1]
  writeVarUint(head, innerLen)
  const out = new Uint8Array(head.length + innerLen)
  out.set(head)
  out.set(inner, head.length)
  out.set(json, head.length + inner.length)
  return out
}

/** Decodes an awareness message's entries (after the type byte was checked). */
export function readAwareness(
  msg: Uint8Array,
): { clientId: number; clock: number; state: string }[] {
  const r = new Reader(msg)
  r.varUint() // type 1
  const inner = new Reader(r.bytes())
  const count = inner.varUint()
  const out = []
  for (let i = 0; i < count; i++) {
    const clientId = inner.varUint()
    const clock = inner.varUint()
    const state = inner.string()
    out.push({ clientId, clock, state })
  }
  return out
}
