import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { ROOT } from '../schema/keys.js'
import { getTitle, initKickoff, setTitle } from './kickoff.js'

describe('kickoff meta', () => {
  it('initKickoff stores title, schema version and creation time', () => {
    const doc = new Y.Doc()
    initKickoff(doc, { title: '  Atlas  ', now: new Date('2026-11-21T10:00:00Z') })
    expect(getTitle(doc)).toBe('Atlas')
    expect(doc.getMap(ROOT.meta).get('schemaVersion')).toBe(SCHEMA_VERSION)
    expect(doc.getMap(ROOT.meta).get('createdAt')).toBe('2026-11-21T10:00:00.000Z')
  })

  it('refuses an empty title with a clear message', () => {
    expect(() => setTitle(new Y.Doc(), '   ')).toThrow(/title must not be empty/)
  })

  it('reads a foreign title as empty instead of crashing', () => {
    const doc = new Y.Doc()
    doc.getMap(ROOT.meta).set('title', 42)
    expect(getTitle(doc)).toBe('')
  })
})
