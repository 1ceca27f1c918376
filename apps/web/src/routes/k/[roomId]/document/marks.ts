import type { BoardDiff, DiffArea, DiffKind } from '@kickoff/model'

/** What the retro highlights on a board: a short word next to an entry, and its tone. */
export interface Mark {
  label: string
  tone: 'new' | 'changed' | 'slipped' | 'done' | 'removed'
}

/** Marks by `<area>:<id>` (ids are unique within an area, not across: a team and a lens can share one). */
export type Marks = ReadonlyMap<string, readonly Mark[]>

export function markKey(area: DiffArea, id: string): string {
  return `${area}:${id}`
}

const WORDS: Partial<Record<DiffKind, Mark>> = {
  'measure-added': { label: 'new', tone: 'new' },
  'measure-changed': { label: 'reworded', tone: 'changed' },
  'confirmation-changed': { label: 'confirmation changed', tone: 'changed' },
  'lens-added': { label: 'new', tone: 'new' },
  'lens-changed': { label: 'changed', tone: 'changed' },
  'lens-votes-changed': { label: 'votes changed', tone: 'changed' },
  'lens-chosen': { label: 'now chosen', tone: 'changed' },
  'lens-unchosen': { label: 'no longer chosen', tone: 'changed' },
  'team-added': { label: 'new', tone: 'new' },
  'team-renamed': { label: 'renamed', tone: 'changed' },
  'owner-changed': { label: 'owner changed', tone: 'changed' },
  'member-added': { label: 'new', tone: 'new' },
  'member-changed': { label: 'changed', tone: 'changed' },
  'milestone-added': { label: 'new', tone: 'new' },
  'milestone-changed': { label: 'moved or changed', tone: 'changed' },
  'dependency-added': { label: 'new', tone: 'new' },
  'dependency-done': { label: 'done', tone: 'done' },
  'dependency-status-changed': { label: 'status changed', tone: 'changed' },
  'dependency-changed': { label: 'changed', tone: 'changed' },
  'dependency-slipped': { label: 'slipped', tone: 'slipped' },
  'risk-added': { label: 'new', tone: 'new' },
  'risk-closed': { label: 'closed', tone: 'done' },
  'risk-occurred': { label: 'occurred', tone: 'slipped' },
  'risk-status-changed': { label: 'status changed', tone: 'changed' },
  'risk-rescored': { label: 're-scored', tone: 'changed' },
  'risk-changed': { label: 'changed', tone: 'changed' },
}

/**
 * The diff as marks on the two boards: what is new or changed on today's board, what is gone on
 * the record's.
 */
export function marksOf(diff: BoardDiff): { before: Marks; after: Marks } {
  const before = new Map<string, Mark[]>()
  const after = new Map<string, Mark[]>()
  const add = (m: Map<string, Mark[]>, key: string, mark: Mark) => {
    const list = m.get(key)
    if (!list) m.set(key, [mark])
    else if (!list.some((x) => x.label === mark.label)) list.push(mark)
  }
  for (const e of diff.entries) {
    if (e.id === null) continue
    const key = markKey(e.area, e.id)
    if (e.kind.endsWith('-removed')) add(before, key, { label: 'gone since', tone: 'removed' })
    else {
      const mark = WORDS[e.kind]
      if (mark) add(after, key, mark)
    }
  }
  return { before, after }
}
