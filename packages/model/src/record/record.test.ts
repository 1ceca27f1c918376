import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readiness } from '../readiness/readiness.js'
import { boardSnapshot } from '../io/snapshot.js'
import { closeKickoff } from '../kickoff/kickoff.js'
import { tally } from '../lenses/tally.js'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { addRetroItem } from '../retro/items.js'
import { addRisk } from '../risks/risks.js'
import { FACILITATOR, T0, as, newKickoff, sampleKickoff } from '../testing/fixtures.js'
import { docJson } from '../testing/invariants.js'
import { buildRecord, openRecordText, recordDoc, sealRecord, verifyRecord } from './build.js'
import { canonicalJson, fromBase64, sha256Hex, toBase64 } from './canonical.js'
import { recordCsv } from './csv.js'
import { diffBoards } from './diff.js'
import { recordMarkdown } from './markdown.js'
import { RECORD_FORMAT, RecordContentSchema, type RecordContent } from './schema.js'

const ROOM = 'room-0123456789abcdef'
const RECORD = 'record-0123456789ab'
const CLOSE = new Date('2026-11-21T16:30:00.000Z')

function closedSample(): Y.Doc {
  const doc = sampleKickoff()
  closeKickoff(doc, FACILITATOR, { now: CLOSE })
  return doc
}

function build(doc: Y.Doc, extra: Partial<Parameters<typeof buildRecord>[1]> = {}): RecordContent {
  return buildRecord(doc, {
    kind: 'kickoff',
    now: CLOSE,
    roomId: ROOM,
    recordId: RECORD,
    closedBy: { personId: 'maya-okafor' },
    ...extra,
  })
}

describe('record builder', () => {
  it('REC-1: holds every section as the views show it, validated by the record schema', () => {
    const doc = closedSample()
    const r = build(doc)
    expect(RecordContentSchema.parse(r)).toEqual(r)
    expect(r).toMatchObject({
      format: RECORD_FORMAT,
      kind: 'kickoff',
      roomId: ROOM,
      recordId: RECORD,
      schemaVersion: SCHEMA_VERSION,
      closedAt: CLOSE.toISOString(),
      closedBy: { personId: 'maya-okafor', name: 'Maya Okafor' },
      title: 'Atlas: 30-day AI strategy sprint',
    })
    const snap = boardSnapshot(doc)
    expect(r.board.teams).toEqual(snap.teams)
    expect(r.board.dependencies).toEqual(snap.dependencies)
    expect(r.board.risks).toEqual(snap.risks)
    expect(r.board.purpose).toEqual(snap.purpose)
    expect(r.board.kickoff.closed).toBe(true)
    expect(r.readiness).toEqual(readiness(doc, { now: CLOSE }))
    expect(r.checks.risks.top).toHaveLength(5)
    expect(r.problems).toEqual([])
  })

  it('REC-1: the final tally is in full, though the sample’s vote is closed and hidden', () => {
    const doc = closedSample()
    expect(tally(doc).visible).toBe(false)
    const r = build(doc)
    expect(r.board.vote.visible).toBe(true)
    expect(r.board.vote.state).toBe('closed')
    expect(r.board.vote.lenses.reduce((n, l) => n + l.dots, 0)).toBeGreaterThan(0)
    expect(r.board.vote.voters.length).toBe(r.board.vote.voted)
    expect(r.board.vote.mine).toBeNull()
  })

  it('REC-1: who closed it: the board’s name for a person on it, else the name given, else none', () => {
    const doc = closedSample()
    expect(build(doc, { closedBy: { personId: 'someone-else', name: ' Sam ' } }).closedBy).toEqual({
      personId: 'someone-else',
      name: 'Sam',
    })
    expect(build(doc, { closedBy: null }).closedBy).toEqual({ personId: null, name: null })
    expect(() => build(doc, { closedBy: { personId: 'not an id!' } })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
  })

  it('REC-1: the retro’s cards and vote are in the record', () => {
    const doc = closedSample()
    addRetroItem(doc, as('maya-okafor'), { column: 'worked', text: 'Clear owners', id: 'w1' })
    const r = build(doc, { kind: 'retro' })
    expect(r.kind).toBe('retro')
    expect(r.retro.items.map((i) => [i.id, i.authorName])).toEqual([['w1', 'Maya Okafor']])
    expect(r.retro.tally.items.map((i) => i.itemId)).toEqual(['w1'])
  })

  it('REC-2: pure: the same doc gives the same record, and building writes nothing', () => {
    const doc = closedSample()
    const before = docJson(doc)
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const a = build(doc)
    expect(build(doc)).toEqual(a)
    // A replica with a fresh cache computes the same record.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const b = build(copy)
    expect({ ...b, state: null }).toEqual({ ...a, state: null })
    expect(updates).toEqual([])
    expect(docJson(doc)).toBe(before)
  })

  it('REC-5: the state opens as the same board: its snapshot is the record’s, the diff is empty', () => {
    const r = build(closedSample())
    const doc = recordDoc(r)
    expect(docJson(doc)).toBe(docJson(closedSample()))
    expect(boardSnapshot(doc)).toEqual({ ...r.board, vote: { ...r.board.vote, mine: null } })
    expect(diffBoards(r.board, boardSnapshot(doc), { now: CLOSE }).entries).toEqual([])
    expect(r.state.bytes).toBe(fromBase64(r.state.update).length)
  })
})

describe('canonical form and hash', () => {
  it('REC-3: keys sorted at every level, no whitespace, whatever order they were built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: null, x: 'é"' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"x":"é\\"","y":null}]},"b":1}',
    )
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}')
    expect(canonicalJson([undefined, -0])).toBe('[null,0]')
    // Integer-like keys are enumerated first by JavaScript objects; the order is still by code unit.
    expect(canonicalJson({ 10: 'x', 2: 'y', a: 'z' })).toBe('{"10":"x","2":"y","a":"z"}')
    expect(canonicalJson({ z: { 10: 1, 9: 2 } })).toBe('{"z":{"10":1,"9":2}}')
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/)
    expect(() => canonicalJson({ a: new Map() })).toThrow(/not a plain object/)
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/)
    const r = build(closedSample())
    expect(canonicalJson(JSON.parse(canonicalJson(r)))).toBe(canonicalJson(r))
  })

  it('REC-3: the hash is SHA-256 of the canonical text, 64 hex characters', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    const doc = closedSample()
    const r = build(doc)
    const { text, hash } = await sealRecord(r)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(text).toBe(canonicalJson(r))
    expect(hash).toBe(await sha256Hex(text))
    // The same board at the same time gives the same hash (its state is the same bytes).
    expect((await sealRecord(build(doc))).hash).toBe(hash)
  })

  it('REC-3: base64 round-trips any bytes', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255)
      const text = toBase64(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64'))
      expect(fromBase64(text)).toEqual(bytes)
    }
    expect(() => fromBase64('ab$c')).toThrow(/not base64/)
  })

  it('REC-4: any changed byte is reported, never opened as a record', async () => {
    const { text, hash } = await sealRecord(build(closedSample()))
    const opened = await openRecordText(text, hash)
    expect(opened.ok).toBe(true)
    const i = text.indexOf('Maya Okafor')
    const tampered = `${text.slice(0, i)}Mara${text.slice(i + 4)}`
    expect(await openRecordText(tampered, hash)).toMatchObject({
      ok: false,
      problem: 'hash_mismatch',
    })
    // Bytes that match their hash but are not a record are refused too.
    const junk = '{"format":"something else"}'
    expect(await openRecordText(junk, await sha256Hex(junk))).toMatchObject({
      ok: false,
      problem: 'invalid_record',
    })
    expect(await openRecordText('{', await sha256Hex('{'))).toMatchObject({
      ok: false,
      problem: 'not_json',
    })
  })

  it('REC-4: an exported record verifies whatever its formatting, and not once changed', async () => {
    const r = build(closedSample())
    const { hash } = await sealRecord(r)
    const exported = JSON.parse(JSON.stringify({ recordId: RECORD, hash, record: r }, null, 2))
    expect((await verifyRecord(exported.record, hash)).ok).toBe(true)
    exported.record.board.risks[0].likelihood = 1
    expect(await verifyRecord(exported.record, hash)).toMatchObject({ problem: 'hash_mismatch' })
  })
})

describe('exports', () => {
  it('REC-6: Markdown starts with a # heading and holds every section; markup is escaped', async () => {
    const doc = closedSample()
    addRisk(doc, FACILITATOR, { title: 'Pipes | and *stars*', likelihood: 1, impact: 1 })
    const r = build(doc)
    const { hash } = await sealRecord(r)
    const text = recordMarkdown(r, { hash })
    expect(text.startsWith('# Atlas: 30-day AI strategy sprint — kickoff record\n')).toBe(true)
    for (const heading of [
      '## Purpose',
      '## Strategy lenses',
      '## Teams and owners',
      '## Dependencies',
      '## Risks',
      '### Top five',
      '## Readiness at close',
    ])
      expect(text).toContain(`\n${heading}\n`)
    expect(text).toContain('Pipes \\| and \\*stars\\*')
    expect(text).toContain('Owner: **Maya Okafor**')
    expect(text.trimEnd().endsWith(`\`${hash}\``)).toBe(true)
  })

  it('REC-7: CSV tables quote what needs quoting and neutralize formulas', () => {
    const doc = newKickoff()
    addRisk(doc, FACILITATOR, {
      title: '=HYPERLINK("http://x")',
      description: 'two\nlines, "quoted"',
      likelihood: 2,
      impact: 3,
      id: 'r1',
    })
    const r = build(doc)
    const risks = recordCsv(r, 'risks')
    expect(risks.split('\r\n')[0]).toBe(
      'id,title,description,likelihood,impact,score,status,rank,top_five,owner,mitigation',
    )
    expect(risks).toContain(
      `r1,"'=HYPERLINK(""http://x"")","two\nlines, ""quoted""",2,3,6,open,1,true,,`,
    )
    const sample = build(closedSample())
    const votes = recordCsv(sample, 'votes').trimEnd().split('\r\n')
    const total = sample.board.vote.lenses.reduce((n, l) => n + l.dots, 0)
    const sum = votes.slice(1).reduce((n, line) => n + Number(line.split(',').at(-1)), 0)
    expect(sum).toBe(total)
    const deps = recordCsv(sample, 'dependencies').trimEnd().split('\r\n')
    expect(deps).toHaveLength(sample.board.dependencies.length + 1)
  })
})

it('REC-1: a record of a new, empty kickoff is valid too', () => {
  const r = buildRecord(newKickoff(), { kind: 'checkin', now: T0, roomId: ROOM, recordId: RECORD })
  expect(RecordContentSchema.safeParse(r).success).toBe(true)
})
