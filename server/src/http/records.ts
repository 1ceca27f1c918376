import type { IncomingMessage, ServerResponse } from 'node:http'
import * as Y from 'yjs'
import {
  buildRecord,
  closeKickoff,
  importKickoff,
  nextCycleExport,
  recordDoc,
  recordMarkdown,
} from '@kickoff/model'
import {
  CreateRecordRequestSchema,
  NextCycleRequestSchema,
  newRecordId,
  type CreateRecordResponse,
  type RecordListResponse,
  type Role,
} from '@kickoff/protocol'
import type { Logger } from '../log.js'
import type { RecordStore } from '../records/store.js'
import { summarize, type ReadRecord } from '../records/store.js'
import type { Rooms } from '../sync/rooms.js'
import { HttpError, parseBody, readJson, sendJson } from './respond.js'
import { authorize, storeNewRoom, type RoomsApiOptions } from './rooms.js'

/**
 * The kickoff records API (docs/architecture.md#records):
 *
 *   POST /api/rooms/:roomId/records                       facilitator → 201 { recordId, hash }
 *   GET  /api/rooms/:roomId/records                       any role    → 200 { records }
 *   GET  /api/rooms/:roomId/records/:recordId             any role    → 200 { recordId, hash, record }
 *   GET  /api/rooms/:roomId/records/:recordId.md          any role    → 200 text/markdown
 *   POST /api/rooms/:roomId/records/:recordId/next-cycle  facilitator → 201 (as POST /api/rooms)
 *
 * Records are immutable: there is no PUT, PATCH or DELETE (405), and storage refuses to write an
 * id twice. A record whose stored bytes no longer match its hash answers 409 record_tampered and
 * is listed with valid: false.
 */

export interface RecordsApiOptions extends RoomsApiOptions {
  rooms: Rooms
  records: RecordStore
  log: Logger
}

/** The id closeKickoff is given when the request names no person. */
export const UNNAMED_FACILITATOR = 'facilitator-link'

function requireFacilitator(role: Role, what: string): void {
  if (role !== 'facilitator')
    throw new HttpError(403, 'forbidden', `only the facilitator link can ${what}`)
}

/** An optional JSON body: none (or an empty one) reads as `{}`. */
async function optionalJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const length = req.headers['content-length']
  const chunked = /chunked/i.test(req.headers['transfer-encoding'] ?? '')
  if (!chunked && (length === undefined || length === '0')) return {}
  return readJson(req, limit)
}

/** `POST /api/rooms/:roomId/records`: builds the record from the server's copy and stores it. */
export async function createRecord(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  opts: RecordsApiOptions,
): Promise<void> {
  const { role } = await authorize(req, roomId, opts.storage)
  requireFacilitator(role, 'write a record')
  const body = parseBody(CreateRecordRequestSchema, await optionalJson(req, opts.maxBodyBytes))
  const kind = body.kind ?? 'kickoff'
  const recordId = newRecordId()
  const now = new Date()
  const closedBy = body.closedBy ?? {}
  // One synchronous moment of the room's live document (loaded if no one is in it): the close
  // reaches every connected client as an ordinary update, and the record holds the closed board.
  const { content, stored } = await opts.rooms.use(roomId, (room) => {
    if (kind === 'kickoff')
      room.serverWrite('close-kickoff', (doc) =>
        closeKickoff(
          doc,
          { personId: closedBy.personId ?? UNNAMED_FACILITATOR, role: 'facilitator' },
          { now },
        ),
      )
    return {
      content: buildRecord(room.doc, {
        kind,
        now,
        roomId,
        recordId,
        closedBy: { personId: closedBy.personId ?? null, name: closedBy.name ?? null },
      }),
      // The close is in the room's write queue: the answer waits until it is stored too.
      stored: room.writer.flushed(),
    }
  })
  await stored
  const meta = await opts.records.write(content)
  opts.log.info({ roomId, recordId, kind, bytes: meta.bytes }, 'record written')
  const response: CreateRecordResponse = { recordId, hash: meta.hash }
  res.setHeader('location', `/api/rooms/${roomId}/records/${recordId}`)
  sendJson(res, 201, response)
}

/** `GET /api/rooms/:roomId/records`: every record, checked, oldest first. */
export async function listRecords(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  opts: RecordsApiOptions,
): Promise<void> {
  await authorize(req, roomId, opts.storage)
  const all = await opts.records.list(roomId)
  for (const r of all) if (r.status === 'tampered') warnTampered(opts.log, roomId, r)
  const response: RecordListResponse = { records: all.map(summarize) }
  sendJson(res, 200, response)
}

function warnTampered(log: Logger, roomId: string, r: Extract<ReadRecord, { status: 'tampered' }>) {
  log.warn({ roomId, recordId: r.recordId, problem: r.message }, 'record does not match its hash')
}

/** A record that is there and valid, or the error the client gets instead. */
async function validRecord(
  roomId: string,
  recordId: string,
  opts: RecordsApiOptions,
): Promise<Extract<ReadRecord, { status: 'valid' }>> {
  const r = await opts.records.read(roomId, recordId)
  if (!r) throw new HttpError(404, 'unknown_record', 'no record with this id in this kickoff')
  if (r.status === 'tampered') {
    warnTampered(opts.log, roomId, r)
    throw new HttpError(409, 'record_tampered', `this record cannot be trusted: ${r.message}`)
  }
  return r
}

/** `GET /api/rooms/:roomId/records/:recordId[.md]`. */
export async function getRecord(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  recordId: string,
  format: 'json' | 'md',
  opts: RecordsApiOptions,
): Promise<void> {
  await authorize(req, roomId, opts.storage)
  const r = await validRecord(roomId, recordId, opts)
  if (format === 'md') {
    const text = recordMarkdown(r.record, { hash: r.meta.hash })
    res.writeHead(200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    })
    res.end(text)
    return
  }
  // The record exactly as stored: its bytes are the canonical JSON the hash covers, so they go
  // out as they are (`record` is the stored text, not a re-serialization).
  const body = `{"hash":${JSON.stringify(r.meta.hash)},"record":${r.text},"recordId":${JSON.stringify(recordId)}}`
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(body)
}

/**
 * `POST /api/rooms/:roomId/records/:recordId/next-cycle`: a new room seeded from the board the
 * record froze (model: nextCycleExport), with new links.
 */
export async function startNextCycle(
  req: IncomingMessage,
  res: ServerResponse,
  roomId: string,
  recordId: string,
  opts: RecordsApiOptions,
): Promise<void> {
  const { role } = await authorize(req, roomId, opts.storage)
  requireFacilitator(role, 'start the next cycle')
  const body = parseBody(NextCycleRequestSchema, await optionalJson(req, opts.maxBodyBytes))
  const { record } = await validRecord(roomId, recordId, opts)
  const now = new Date()
  const title = body.title ?? defaultTitle(record.title)
  const source = recordDoc(record)
  const doc = new Y.Doc()
  importKickoff(doc, nextCycleExport(source, { title, now }))
  source.destroy()
  const response = await storeNewRoom(req, opts, { title, now, doc })
  doc.destroy()
  opts.log.info({ roomId, recordId, newRoomId: response.roomId }, 'next cycle started')
  sendJson(res, 201, response)
}

function defaultTitle(title: string): string {
  const suffix = ' — next cycle'
  const base = title.trim() || 'Kickoff'
  return `${base.slice(0, 200 - suffix.length)}${suffix}`
}
