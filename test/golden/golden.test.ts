// The golden records: records written by earlier versions of this code, kept under
// test/fixtures/golden/ and never changed. Whatever the code becomes, it must still open each one,
// validate it, verify its hash and diff it (GOLD-1…4); and the records this version writes must
// be among them (GOLD-5). How to add one: test/fixtures/golden/README.md.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  RECORD_FORMAT,
  RECORD_KINDS,
  RECORD_CSV_TABLES,
  RecordContentSchema,
  SCHEMA_VERSION,
  boardSnapshot,
  diffBoards,
  diffRecords,
  migrate,
  recordCsv,
  recordDoc,
  recordMarkdown,
  verifyRecord,
  type RecordContent,
} from '@kickoff/model'
import { RecordResponseSchema } from '@kickoff/protocol'
import { goldenFileName } from './files.js'

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

interface Golden {
  file: string
  hash: string
  record: RecordContent
}

function open(file: string): Golden {
  // The file is what GET /api/rooms/:roomId/records/:recordId answers (and the app exports).
  const envelope = RecordResponseSchema.parse(
    JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
  )
  return { file, hash: envelope.hash, record: RecordContentSchema.parse(envelope.record) }
}

describe('golden records', () => {
  it('GOLD-0: there are golden records to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(2)
  })

  for (const file of files) {
    describe(file, () => {
      it('GOLD-1: opens and validates with the current record schema', () => {
        const g = open(file)
        expect(g.record.recordId).toBe(
          RecordResponseSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')))
            .recordId,
        )
      })

      it('GOLD-2: its hash verifies, and would not if one field changed', async () => {
        const raw = RecordResponseSchema.parse(
          JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
        )
        expect(await verifyRecord(raw.record, raw.hash)).toMatchObject({ ok: true })
        const changed = structuredClone(raw.record) as { title: string }
        changed.title = `${changed.title}.`
        expect(await verifyRecord(changed, raw.hash)).toMatchObject({
          ok: false,
          problem: 'hash_mismatch',
        })
      })

      it('GOLD-3: its state opens as a board the current code reads as the record says', () => {
        const g = open(file)
        const doc = recordDoc(g.record)
        migrate(doc) // what the server does to a stored room from an older version
        const diff = diffBoards(g.record.board, boardSnapshot(doc), {
          now: new Date(g.record.closedAt),
        })
        expect(diff.entries).toEqual([])
      })

      it('GOLD-3: renders as Markdown and CSV', () => {
        const g = open(file)
        expect(recordMarkdown(g.record, { hash: g.hash })).toMatch(/^# /)
        for (const t of RECORD_CSV_TABLES) expect(recordCsv(g.record, t).length).toBeGreaterThan(0)
      })
    })
  }

  it('GOLD-4: the kickoff record and the retro record of one room diff as they did', () => {
    const kickoff = open(goldenFileName('kickoff-board-record/1', 2, 'kickoff')).record
    const retro = open(goldenFileName('kickoff-board-record/1', 2, 'retro')).record
    const entries = diffRecords(kickoff, retro).entries.map((e) => [e.kind, e.id])
    expect(entries).toEqual(
      expect.arrayContaining([
        ['purpose-statement-changed', null],
        ['confirmation-changed', 'exec'],
        ['dependency-done', 'd1'],
        ['dependency-status-changed', 'd4'],
        ['risk-added', 'r-budget'],
        ['risk-occurred', 'r1'],
        ['risk-closed', 'r2'],
        ['risk-rescored', 'r3'],
      ]),
    )
    expect(entries.some(([kind]) => kind === 'dependency-slipped')).toBe(true)
    expect(retro.retro.tally.items[0]).toMatchObject({ itemId: 'c1', dots: 2, rank: 1 })
  })

  it('GOLD-5: the records this version writes are kept as golden records', () => {
    // RECORD_FORMAT or SCHEMA_VERSION changed: write the new golden records (README.md).
    for (const kind of ['kickoff', 'retro'] as const) {
      expect(RECORD_KINDS).toContain(kind)
      expect(files).toContain(goldenFileName(RECORD_FORMAT, SCHEMA_VERSION, kind))
    }
  })
})
