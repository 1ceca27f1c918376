/**
 * The bytes a record's hash covers, and the hash. Plain TypeScript over Web APIs (TextEncoder,
 * TextDecoder, crypto.subtle), which Node 20 and every browser have: the server hashes what it
 * stores, and anyone holding an exported record can check it in a browser.
 */

/**
 * Canonical JSON: no whitespace, object keys sorted by UTF-16 code units, strings and numbers as
 * JSON.stringify writes them, `undefined` object members left out. For the values a record holds
 * (strings, integers, booleans, null, arrays, plain objects) this is RFC 8785 (JCS), so the same
 * content always gives the same text, whatever order its keys were built in. Non-finite numbers
 * and anything that is not plain data are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new TypeError('canonicalJson: value is undefined')
  // Fast path: JSON.stringify, with every object whose keys are not already in order replaced by
  // a copy built in order. An object's integer-like keys ("2", "10") are always enumerated first
  // and in numeric order, whatever the insertion order, so a copy cannot fix such an object: then
  // the whole value takes the slow path, which writes every key itself.
  let slow = false
  const text = JSON.stringify(value, function (key: string, v: unknown): unknown {
    if (slow) return undefined
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${key || 'value'} is ${v}`)
      return v
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol')
        throw new TypeError(`canonicalJson: ${key || 'value'} is a ${typeof v}`)
      return v
    }
    const proto: unknown = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`canonicalJson: ${key || 'value'} is not a plain object`)
    const keys = Object.keys(v)
    let sorted = true
    for (let i = 1; i < keys.length; i++)
      if (keys[i - 1]! > keys[i]!) {
        sorted = false
        break
      }
    if (sorted) return v
    if (keys.some(isIndexKey)) {
      slow = true
      return undefined
    }
    const copy: Record<string, unknown> = {}
    for (const k of keys.sort()) copy[k] = (v as Record<string, unknown>)[k]
    return copy
  })
  if (!slow) return text
  const out: string[] = []
  write(value, out, '')
  return out.join('')
}

/** Keys that objects enumerate first, in numeric order: array indices ("0", "7", "10"). */
function isIndexKey(k: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295
}

/** The slow path, and the definition: every key written in sorted order by hand. */
function write(v: unknown, out: string[], path: string): void {
  if (v === null) {
    out.push('null')
    return
  }
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v))
      return
    case 'boolean':
      out.push(v ? 'true' : 'false')
      return
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${path || 'value'} is ${v}`)
      out.push(Object.is(v, -0) ? '0' : JSON.stringify(v))
      return
    case 'object': {
      if (Array.isArray(v)) {
        out.push('[')
        for (let i = 0; i < v.length; i++) {
          if (i) out.push(',')
          const item: unknown = v[i]
          write(item === undefined ? null : item, out, `${path}[${i}]`)
        }
        out.push(']')
        return
      }
      const proto: unknown = Object.getPrototypeOf(v)
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`canonicalJson: ${path || 'value'} is not a plain object`)
      const obj = v as Record<string, unknown>
      const keys = Object.keys(obj).sort()
      out.push('{')
      let first = true
      for (const k of keys) {
        const item = obj[k]
        if (item === undefined) continue
        if (!first) out.push(',')
        first = false
        out.push(JSON.stringify(k), ':')
        write(item, out, path ? `${path}.${k}` : k)
      }
      out.push('}')
      return
    }
    default:
      throw new TypeError(`canonicalJson: ${path || 'value'} is a ${typeof v}`)
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** SHA-256 of a text (its UTF-8 bytes) or of bytes, as 64 lower-case hex characters. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  // A copy of given bytes: subtle.digest wants an ArrayBuffer-backed view, not a shared one.
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data)
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes))
  let hex = ''
  for (const b of digest) hex += HEX[b]
  return hex
}

/** A SHA-256 hex digest: what record hashes look like. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_CODES = new TextEncoder().encode(B64)
const B64_VALUES = new Int16Array(128).fill(-1)
for (let i = 0; i < 64; i++) B64_VALUES[B64.charCodeAt(i)] = i

/**
 * base64 (RFC 4648, padded) of bytes. By table into ASCII bytes, decoded once: a state of a
 * megabyte takes a few milliseconds (btoa over a binary string takes ten times that).
 */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length
  const out = new Uint8Array(Math.ceil(n / 3) * 4)
  let o = 0
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out[o++] = B64_CODES[v >> 18]!
    out[o++] = B64_CODES[(v >> 12) & 63]!
    out[o++] = B64_CODES[(v >> 6) & 63]!
    out[o++] = B64_CODES[v & 63]!
  }
  if (i < n) {
    const rest = n - i
    const v = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0)
    out[o++] = B64_CODES[v >> 18]!
    out[o++] = B64_CODES[(v >> 12) & 63]!
    out[o++] = rest === 2 ? B64_CODES[(v >> 6) & 63]! : 61
    out[o] = 61
  }
  return new TextDecoder().decode(out)
}

/** The bytes of base64 text (padded or not); throws on anything that is not base64. */
export function fromBase64(text: string): Uint8Array {
  const s = text.replace(/=+$/, '')
  if (s.length % 4 === 1) throw new TypeError('fromBase64: not base64 (bad length)')
  const out = new Uint8Array(Math.floor((s.length * 3) / 4))
  let o = 0
  let acc = 0
  let bits = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const v = c < 128 ? B64_VALUES[c]! : -1
    if (v < 0) throw new TypeError(`fromBase64: not base64 (character ${i})`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 255
    }
  }
  return out
}
