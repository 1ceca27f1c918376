import * as Y from 'yjs'
import { idSchema } from '../core/ids.js'
import { parseInput } from '../core/write.js'
import { dependencyChecks } from '../dependencies/checks.js'
import { boardSnapshot } from '../io/snapshot.js'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { readPeople } from '../people/people.js'
import { problems } from '../problems/problems.js'
import { readinessOf } from '../readiness/readiness.js'
import { listRetroItems } from '../retro/items.js'
import { retroTally } from '../retro/voting.js'
import { riskRanking } from '../risks/ranking.js'
import { canonicalJson, fromBase64, sha256Hex, toBase64 } from './canonical.js'
import {
  RECORD_FORMAT,
  RecordContentSchema,
  type RecordContent,
  type RecordKind,
} from './schema.js'

export interface BuildRecordOptions {
  kind: RecordKind
  /** The time of the record: the close. Checks that depend on the date use it. */
  now: Date
  roomId: string
  recordId: string
  /**
   * Who closed it. A person id on the board gives their name from the board; `name` is used when
   * the person is not on the board (or instead of the board's name when given).
   */
  closedBy?: { personId?: string | null; name?: string | null } | null
}

/**
 * Freezes the board into a record's content (REC-1): every section as the views show it (names
 * resolved, the vote in full whatever its state), the checks and readiness at `now`, the retro,
 * what problems() reports, and the whole document state. Pure: the same doc and options give
 * the same content on any machine. It does not close anything: the caller (the server) closes
 * the kickoff first when the record is the kickoff's.
 */
export function buildRecord(doc: Y.Doc, opts: BuildRecordOptions): RecordContent {
  const now = opts.now
  const personId = opts.closedBy?.personId
    ? parseInput(idSchema('closedBy.personId'), opts.closedBy.personId)
    : null
  const boardName = personId ? readPeople(doc).get(personId)?.name : undefined
  const snapshot = boardSnapshot(doc)
  const ranking = riskRanking(doc)
  const checks = dependencyChecks(doc, { now })
  const retro = retroTally(doc, { includeHidden: true })
  const update = Y.encodeStateAsUpdate(doc)
  return {
    format: RECORD_FORMAT,
    kind: opts.kind,
    roomId: opts.roomId,
    recordId: opts.recordId,
    schemaVersion: SCHEMA_VERSION,
    closedAt: now.toISOString(),
    closedBy: { personId, name: opts.closedBy?.name?.trim() || boardName || null },
    title: snapshot.kickoff.title,
    board: { ...snapshot, vote: { ...snapshot.vote, mine: null } },
    readiness: readinessOf(doc, {
      checks,
      confirmations: snapshot.purpose.confirmations,
      ranking,
    }),
    checks: {
      dependencies: checks,
      risks: {
        top: ranking.top.map((r) => r.id),
        tiedWithFifth: ranking.tiedWithFifth.map((r) => r.id),
        topLacking: ranking.topLacking.map((g) => ({ riskId: g.risk.id, missing: g.missing })),
      },
    },
    retro: { items: listRetroItems(doc), tally: { ...retro, mine: null } },
    problems: problems(doc),
    state: { encoding: 'base64', bytes: update.byteLength, update: toBase64(update) },
  }
}

/** The record's canonical text: what is stored, and what its hash covers. */
export function serializeRecord(content: RecordContent): string {
  return canonicalJson(content)
}

/** The canonical text and its SHA-256 (64 hex characters). */
export async function sealRecord(content: RecordContent): Promise<{ text: string; hash: string }> {
  const text = serializeRecord(content)
  return { text, hash: await sha256Hex(text) }
}

export type RecordCheck =
  | { ok: true; record: RecordContent }
  | {
      ok: false
      /**
       * hash_mismatch: the bytes are not what was hashed (changed since, or a wrong hash);
       * not_json / invalid_record: the bytes match but are not a record this code can read.
       */
      problem: 'hash_mismatch' | 'not_json' | 'invalid_record'
      message: string
    }

/**
 * Opens stored bytes (REC-4): their SHA-256 must be `hash`, and they must be a valid record.
 * Anything else is reported, never returned as a record.
 */
export async function openRecordText(text: string, hash: string): Promise<RecordCheck> {
  const actual = await sha256Hex(text)
  if (actual !== hash)
    return {
      ok: false,
      problem: 'hash_mismatch',
      message: `the record's content no longer matches its hash (expected ${hash}, found ${actual})`,
    }
  return validateRecord(text)
}

/**
 * Checks a record given as data, e.g. an exported `{ recordId, hash, record }` file: the hash is
 * recomputed over the record's canonical text, so formatting does not matter, content does.
 */
export async function verifyRecord(record: unknown, hash: string): Promise<RecordCheck> {
  let text: string
  try {
    text = canonicalJson(record)
  } catch (e) {
    return { ok: false, problem: 'invalid_record', message: (e as Error).message }
  }
  return openRecordText(text, hash)
}

function validateRecord(text: string): RecordCheck {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { ok: false, problem: 'not_json', message: `not JSON: ${(e as Error).message}` }
  }
  const r = RecordContentSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]
    return {
      ok: false,
      problem: 'invalid_record',
      message: `not a valid record: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
    }
  }
  return { ok: true, record: r.data }
}

/** The document the record froze, as a new Y.Doc (to diff, or to start the next cycle from). */
export function recordDoc(record: Pick<RecordContent, 'state'>): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, fromBase64(record.state.update))
  return doc
}
