import { z } from 'zod'

/**
 * How far this browser's clock is from the server's, from the `Date` header of an answer.
 *
 * The shared countdown stores its end time in the document (written with the facilitator's
 * clock) and every laptop renders the time left with its own clock: no server tick, works
 * offline. Laptops whose clocks are minutes apart would then disagree by minutes. So each
 * browser estimates its offset from the server once (the session request it makes anyway) and
 * uses `Date.now() + offset` both to start the timer and to render it: everyone counts in server
 * time. The header has a resolution of one second, so offsets under 1.5 s are ignored (they are
 * noise, and a clock that close is fine); the error that remains is about a second plus half the
 * round trip. Without an answer (offline) the last offset stored on this browser is used.
 */

/** Offsets smaller than this are within the header's resolution: treated as 0. */
export const NOISE_MS = 1500

/**
 * The server's clock minus ours, given the answer's `Date` header and when the request was sent
 * and the answer received (our clock). 0 when the header is missing or unreadable, the round
 * trip too long to tell, or the difference within the noise.
 */
export function offsetFromDateHeader(
  header: string | null,
  sentAt: number,
  receivedAt: number,
): number {
  if (!header) return 0
  const server = Date.parse(header)
  if (!Number.isFinite(server) || receivedAt < sentAt || receivedAt - sentAt > 5000) return 0
  // The header truncates to the second: the server's clock read somewhere in [server, server+1s).
  const offset = server + 500 - (sentAt + receivedAt) / 2
  return Math.abs(offset) < NOISE_MS ? 0 : Math.round(offset)
}

const KEY = 'kickoff:clock-offset'
const StoredSchema = z.number().int().min(-86_400_000).max(86_400_000)

export function loadOffset(): number {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '0'))
    return parsed.success ? parsed.data : 0
  } catch {
    return 0
  }
}

export function saveOffset(offset: number): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(offset))
  } catch {
    // Storage full or blocked: the offset is only a refinement.
  }
}
