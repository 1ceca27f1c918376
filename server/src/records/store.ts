import { openRecordText, sealRecord, sha256Hex, type RecordContent } from '@kickoff/model'
import type { RecordSummary } from '@kickoff/protocol'
import type { RecordMeta, Storage, StoredRecord } from '../storage/types.js'

/**
 * Kickoff records over the storage interface. Written once (storage refuses a second write of an
 * id); read only after checking: the stored bytes must still have the SHA-256 stored beside them,
 * be a valid record, and agree with that meta. A record that fails is reported, never served.
 */

export type ReadRecord =
  | {
      status: 'valid'
      meta: RecordMeta
      /** The stored bytes as text: the canonical JSON the hash covers. */
      text: string
      record: RecordContent
    }
  | {
      status: 'tampered'
      recordId: string
      /** What is stored beside it, when that still parses. */
      meta: RecordMeta | null
      message: string
    }

export class RecordStore {
  constructor(private readonly storage: Storage) {}

  /** Seals the content and stores it with its meta; resolves with the meta (hash included). */
  async write(content: RecordContent): Promise<RecordMeta> {
    const { text, hash } = await sealRecord(content)
    const bytes = new TextEncoder().encode(text)
    const meta: RecordMeta = {
      roomId: content.roomId,
      recordId: content.recordId,
      kind: content.kind,
      closedAt: content.closedAt,
      closedBy: content.closedBy,
      title: content.title,
      hash,
      bytes: bytes.length,
    }
    await this.storage.putRecord(meta, bytes)
    return meta
  }

  async read(roomId: string, recordId: string): Promise<ReadRecord | null> {
    const stored = await this.storage.getRecord(roomId, recordId)
    return stored ? check(roomId, stored) : null
  }

  /** Every record of the room, checked, oldest first. */
  async list(roomId: string): Promise<ReadRecord[]> {
    const all = await Promise.all(
      (await this.storage.listRecords(roomId)).map((s) => check(roomId, s)),
    )
    return all.sort((a, b) => {
      const ta = a.meta?.closedAt ?? ''
      const tb = b.meta?.closedAt ?? ''
      const ia = a.status === 'valid' ? a.meta.recordId : a.recordId
      const ib = b.status === 'valid' ? b.meta.recordId : b.recordId
      return ta < tb ? -1 : ta > tb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0
    })
  }
}

async function check(roomId: string, stored: StoredRecord): Promise<ReadRecord> {
  const tampered = (message: string): ReadRecord => ({
    status: 'tampered',
    recordId: stored.recordId,
    meta: stored.meta,
    message,
  })
  const meta = stored.meta
  if (!meta) return tampered('what is stored beside the record (its hash) is unreadable')
  // The hash covers the exact bytes; text that is not UTF-8 cannot be what was written either.
  const actual = await sha256Hex(stored.content)
  if (actual !== meta.hash)
    return tampered(
      `the stored record no longer matches its hash (${meta.hash}); it was changed after it was written`,
    )
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(stored.content)
  } catch {
    return tampered('the stored record is not UTF-8 text')
  }
  const opened = await openRecordText(text, meta.hash)
  if (!opened.ok) return tampered(opened.message)
  const r = opened.record
  // The content names its room, id, kind and time: the meta beside it must say the same.
  const disagree = (
    [
      ['roomId', r.roomId, roomId],
      ['recordId', r.recordId, stored.recordId],
      ['roomId', meta.roomId, roomId],
      ['recordId', meta.recordId, stored.recordId],
      ['kind', r.kind, meta.kind],
      ['closedAt', r.closedAt, meta.closedAt],
      ['title', r.title, meta.title],
    ] as const
  ).find(([, a, b]) => a !== b)
  if (disagree)
    return tampered(`the record's ${disagree[0]} does not match where and how it is stored`)
  return { status: 'valid', meta, text, record: r }
}

/** The list entry for a record: valid, or what is known of it and why it is not. */
export function summarize(r: ReadRecord): RecordSummary {
  if (r.status === 'valid')
    return {
      recordId: r.meta.recordId,
      kind: r.meta.kind,
      closedAt: r.meta.closedAt,
      closedBy: r.meta.closedBy,
      title: r.meta.title,
      hash: r.meta.hash,
      valid: true,
    }
  return {
    recordId: r.recordId,
    kind: r.meta?.kind ?? null,
    closedAt: r.meta?.closedAt ?? null,
    closedBy: r.meta?.closedBy ?? null,
    title: r.meta?.title ?? null,
    hash: r.meta?.hash ?? null,
    valid: false,
    problem: r.message,
  }
}
