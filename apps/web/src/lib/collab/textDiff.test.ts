import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { movePosition, spliceBetween } from './textDiff'

describe('spliceBetween', () => {
  it.each([
    ['', 'abc', { index: 0, remove: 0, insert: 'abc' }],
    ['abc', 'abXc', { index: 2, remove: 0, insert: 'X' }],
    ['abc', 'ac', { index: 1, remove: 1, insert: '' }],
    ['hello world', 'hello brave world', { index: 6, remove: 0, insert: 'brave ' }],
    ['aaa', 'aa', { index: 2, remove: 1, insert: '' }],
    ['abcdef', 'aXYf', { index: 1, remove: 4, insert: 'XY' }],
  ])('%j → %j', (before, after, splice) => {
    expect(spliceBetween(before, after)).toEqual(splice)
  })

  it('returns null when nothing changed', () => {
    expect(spliceBetween('same', 'same')).toBeNull()
  })

  it('applying the splice always yields the new text', () => {
    const pairs = [
      ['', ''],
      ['a', 'b'],
      ['abab', 'ab'],
      ['🙂 ok', '🙂🙂 ok'],
    ]
    for (const [before, after] of pairs) {
      const s = spliceBetween(before!, after!)
      const result = s
        ? before!.slice(0, s.index) + s.insert + before!.slice(s.index + s.remove)
        : before
      expect(result).toBe(after)
    }
  })

  it('two concurrent splices on a Y.Text keep both words', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.getText('t').insert(0, 'we ship')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const sa = spliceBetween('we ship', 'we ship faster')!
    const sb = spliceBetween('we ship', 'together we ship')!
    a.getText('t').insert(sa.index, sa.insert)
    b.getText('t').insert(sb.index, sb.insert)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getText('t').toString()).toBe('together we ship faster')
    expect(b.getText('t').toString()).toBe(a.getText('t').toString())
  })
})

describe('movePosition', () => {
  it('shifts a caret after a remote insert before it', () => {
    expect(movePosition([{ retain: 2 }, { insert: 'XY' }], 5)).toBe(7)
  })
  it('keeps a caret before a remote insert after it', () => {
    expect(movePosition([{ retain: 6 }, { insert: 'XY' }], 5)).toBe(5)
  })
  it('pulls a caret back over a remote delete before it', () => {
    expect(movePosition([{ retain: 1 }, { delete: 2 }], 5)).toBe(3)
  })
  it('moves a caret inside a deleted range to its start', () => {
    expect(movePosition([{ retain: 1 }, { delete: 4 }], 3)).toBe(1)
  })
})
