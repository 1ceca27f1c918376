import { compareNames, compareStrings } from '../core/compare.js'
import { utcDate } from '../dependencies/checks.js'
import { normalizeStatement } from '../purpose/statement.js'
import { ACTIVE_DEPENDENCY, type DependencyStatus } from '../schema/entries.js'
import type { BoardSnapshot } from '../io/snapshot.js'
import type { RecordContent } from './schema.js'

/**
 * What changed between two boards: a record and today's board at the retro, or two records. A
 * pure function of two snapshots (boardSnapshot, or a record's `board`), so every client computes
 * the same entries in the same order.
 *
 * What it compares (DIFF-1) is the content of the board, entry by entry and field by field:
 * the title; the purpose (wording of the statement and why, compared as confirmations compare
 * it, whitespace aside; success measures; each team's confirmation status); people; lens
 * candidates, their dot totals and which are chosen, and the vote's state; teams, their owners and
 * members; milestones; dependencies (and whether each is past its milestone); risks. Not
 * compared: how the session ran (agenda step, timer, locks, spotlight), positions in lists,
 * settings, and who placed which dot (the totals per lens are).
 */

export const DIFF_AREAS = [
  'kickoff',
  'purpose',
  'people',
  'lenses',
  'teams',
  'milestones',
  'dependencies',
  'risks',
] as const
export type DiffArea = (typeof DIFF_AREAS)[number]

export const DIFF_KINDS = [
  'title-changed',
  'purpose-statement-changed',
  'purpose-why-changed',
  'measure-added',
  'measure-removed',
  'measure-changed',
  'confirmation-changed',
  'person-added',
  'person-removed',
  'person-changed',
  'vote-state-changed',
  'lens-added',
  'lens-removed',
  'lens-changed',
  'lens-votes-changed',
  'lens-chosen',
  'lens-unchosen',
  'team-added',
  'team-removed',
  'team-renamed',
  'owner-changed',
  'member-added',
  'member-removed',
  'member-changed',
  'milestone-added',
  'milestone-removed',
  'milestone-changed',
  'dependency-added',
  'dependency-removed',
  'dependency-done',
  'dependency-status-changed',
  'dependency-changed',
  'dependency-slipped',
  'risk-added',
  'risk-removed',
  'risk-closed',
  'risk-occurred',
  'risk-status-changed',
  'risk-rescored',
  'risk-changed',
] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

export type Scalar = string | number | boolean | null

export interface FieldChange {
  field: string
  before: Scalar
  after: Scalar
}

export interface DiffEntry {
  area: DiffArea
  kind: DiffKind
  /** The entry concerned (a team, a risk…), or null for the board's own fields. */
  id: string | null
  /** What people call it: the team's name, the risk's title… (as it reads after, if it still exists). */
  label: string
  /** Field by field, for changes (ids where the field holds a reference; the message names them). */
  changes: FieldChange[]
  /** One sentence for people. */
  message: string
}

export interface BoardDiff {
  entries: DiffEntry[]
  /** Entries per area. */
  counts: Record<DiffArea, number>
}

export interface DiffOptions {
  /** Today: a dependency still open after its milestone's date has slipped. */
  now: Date
  /**
   * When `before` was taken (a record's closedAt; default `now`): a dependency that was already
   * past its milestone then has not slipped since, it was late already.
   */
  then?: Date
}

/** What the diff reads of a board: boardSnapshot(doc), or a record's `board`. */
export type DiffableBoard = Pick<
  BoardSnapshot,
  | 'kickoff'
  | 'purpose'
  | 'people'
  | 'lenses'
  | 'vote'
  | 'teams'
  | 'milestones'
  | 'dependencies'
  | 'risks'
>

const STATUS_WORDS: Record<DependencyStatus, string> = {
  open: 'open',
  'at-risk': 'at risk',
  done: 'done',
  dropped: 'dropped',
}

function byId<T extends { id: string }>(xs: readonly T[]): Map<string, T> {
  return new Map(xs.map((x) => [x.id, x]))
}

function quoted(s: string): string {
  return `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`
}

/** The fields that differ between two versions of an entry, among `fields`. */
function changed<T extends object>(
  a: T,
  b: T,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const out: FieldChange[] = []
  for (const f of fields) {
    const x = a[f] as Scalar
    const y = b[f] as Scalar
    if (x !== y) out.push({ field: f, before: x, after: y })
  }
  return out
}

/** Every difference between two boards (DIFF-1…DIFF-8), in area order. */
export function diffBoards(
  before: DiffableBoard,
  after: DiffableBoard,
  opts: DiffOptions,
): BoardDiff {
  const entries: DiffEntry[] = []
  const add = (e: DiffEntry) => entries.push(e)
  const today = utcDate(opts.now)
  const thenDay = utcDate(opts.then ?? opts.now)

  // ── kickoff ──
  if (before.kickoff.title !== after.kickoff.title)
    add({
      area: 'kickoff',
      kind: 'title-changed',
      id: null,
      label: after.kickoff.title,
      changes: [{ field: 'title', before: before.kickoff.title, after: after.kickoff.title }],
      message: `Title: ${quoted(before.kickoff.title)} → ${quoted(after.kickoff.title)}`,
    })

  // ── purpose ──
  for (const [field, kind, what] of [
    ['statement', 'purpose-statement-changed', 'The purpose statement'],
    ['why', 'purpose-why-changed', 'Why it matters'],
  ] as const) {
    const x = normalizeStatement(before.purpose[field])
    const y = normalizeStatement(after.purpose[field])
    if (x !== y)
      add({
        area: 'purpose',
        kind,
        id: null,
        label: what,
        changes: [{ field, before: x, after: y }],
        message: !x
          ? `${what} was written: ${quoted(y)}`
          : !y
            ? `${what} was cleared (it read ${quoted(x)})`
            : `${what} was reworded: ${quoted(x)} → ${quoted(y)}`,
      })
  }
  diffCollection(before.purpose.measures, after.purpose.measures, {
    added: (m) => ({
      area: 'purpose',
      kind: 'measure-added',
      id: m.id,
      label: m.text,
      changes: [],
      message: `Success measure added: ${quoted(m.text)}`,
    }),
    removed: (m) => ({
      area: 'purpose',
      kind: 'measure-removed',
      id: m.id,
      label: m.text,
      changes: [],
      message: `Success measure removed: ${quoted(m.text)}`,
    }),
    changed: (a, b) => {
      const c = changed(a, b, ['text'])
      return c.length
        ? [
            {
              area: 'purpose',
              kind: 'measure-changed',
              id: b.id,
              label: b.text,
              changes: c,
              message: `Success measure reworded: ${quoted(a.text)} → ${quoted(b.text)}`,
            },
          ]
        : []
    },
    add,
  })
  {
    const was = new Map(before.purpose.confirmations.map((c) => [c.teamId, c]))
    for (const c of after.purpose.confirmations) {
      const w = was.get(c.teamId)
      // A team that is new or gone is reported as such; its confirmation comes with it.
      if (!w || w.status === c.status) continue
      add({
        area: 'purpose',
        kind: 'confirmation-changed',
        id: c.teamId,
        label: c.teamName,
        changes: [{ field: 'status', before: w.status, after: c.status }],
        message: `${c.teamName}: purpose confirmation ${w.status.replace(/_/g, ' ')} → ${c.status.replace(/_/g, ' ')}`,
      })
    }
  }

  // ── people ──
  const teamNames = new Map<string, string>()
  for (const t of before.teams) teamNames.set(t.id, t.name)
  for (const t of after.teams) teamNames.set(t.id, t.name)
  const teamName = (id: Scalar) =>
    id === null ? 'no team' : (teamNames.get(String(id)) ?? String(id))
  diffCollection(before.people, after.people, {
    added: (p) => ({
      area: 'people',
      kind: 'person-added',
      id: p.id,
      label: p.name,
      changes: [],
      message: `${p.name} joined the board`,
    }),
    removed: (p) => ({
      area: 'people',
      kind: 'person-removed',
      id: p.id,
      label: p.name,
      changes: [],
      message: `${p.name} left the board`,
    }),
    changed: (a, b) => {
      const c = changed(a, b, ['name', 'teamId'])
      if (!c.length) return []
      const parts = c.map((x) =>
        x.field === 'name'
          ? `renamed from ${a.name}`
          : `home team ${teamName(x.before)} → ${teamName(x.after)}`,
      )
      return [
        {
          area: 'people',
          kind: 'person-changed',
          id: b.id,
          label: b.name,
          changes: c,
          message: `${b.name}: ${parts.join('; ')}`,
        },
      ]
    },
    add,
  })

  // ── lenses and the vote ──
  if (before.vote.state !== after.vote.state)
    add({
      area: 'lenses',
      kind: 'vote-state-changed',
      id: null,
      label: 'The vote',
      changes: [{ field: 'state', before: before.vote.state, after: after.vote.state }],
      message: `The vote: ${before.vote.state} → ${after.vote.state}`,
    })
  {
    const totals = (b: DiffableBoard) => new Map(b.vote.lenses.map((l) => [l.lensId, l]))
    const ta = totals(before)
    const tb = totals(after)
    const chosenA = new Set(before.vote.chosen)
    const chosenB = new Set(after.vote.chosen)
    diffCollection(before.lenses, after.lenses, {
      added: (l) => ({
        area: 'lenses',
        kind: 'lens-added',
        id: l.id,
        label: l.title,
        changes: [],
        message: `New candidate lens: ${l.title}`,
      }),
      removed: (l) => ({
        area: 'lenses',
        kind: 'lens-removed',
        id: l.id,
        label: l.title,
        changes: [],
        message: `Candidate lens removed: ${l.title}${chosenA.has(l.id) ? ' (it was chosen)' : ''}`,
      }),
      changed: (a, b) => {
        const out: DiffEntry[] = []
        const c = changed(a, b, ['title', 'description'])
        if (c.length)
          out.push({
            area: 'lenses',
            kind: 'lens-changed',
            id: b.id,
            label: b.title,
            changes: c,
            message:
              a.title !== b.title
                ? `Lens renamed: ${a.title} → ${b.title}`
                : `${b.title}: description changed`,
          })
        const x = ta.get(a.id)
        const y = tb.get(b.id)
        const votes = changed(
          { dots: x?.dots ?? 0, voters: x?.voters ?? 0 },
          { dots: y?.dots ?? 0, voters: y?.voters ?? 0 },
          ['dots', 'voters'],
        )
        if (votes.length)
          out.push({
            area: 'lenses',
            kind: 'lens-votes-changed',
            id: b.id,
            label: b.title,
            changes: votes,
            message: `${b.title}: ${x?.dots ?? 0} → ${y?.dots ?? 0} dots`,
          })
        if (chosenA.has(a.id) !== chosenB.has(b.id))
          out.push({
            area: 'lenses',
            kind: chosenB.has(b.id) ? 'lens-chosen' : 'lens-unchosen',
            id: b.id,
            label: b.title,
            changes: [{ field: 'chosen', before: chosenA.has(a.id), after: chosenB.has(b.id) }],
            message: chosenB.has(b.id)
              ? `Lens chosen: ${b.title}`
              : `Lens no longer chosen: ${b.title}`,
          })
        return out
      },
      add,
    })
  }

  // ── teams, owners, members ──
  const ownerNames = (t: DiffableBoard['teams'][number]) =>
    t.ownerIds.length === 0
      ? 'no owner'
      : t.ownerIds.map((id) => t.members.find((m) => m.personId === id)?.name ?? id).join(', ')
  diffCollection(before.teams, after.teams, {
    added: (t) => ({
      area: 'teams',
      kind: 'team-added',
      id: t.id,
      label: t.name,
      changes: [],
      message: `New team: ${t.name} (${ownerNames(t)})`,
    }),
    removed: (t) => ({
      area: 'teams',
      kind: 'team-removed',
      id: t.id,
      label: t.name,
      changes: [],
      message: `Team removed: ${t.name}`,
    }),
    changed: (a, b) => {
      const out: DiffEntry[] = []
      if (a.name !== b.name)
        out.push({
          area: 'teams',
          kind: 'team-renamed',
          id: b.id,
          label: b.name,
          changes: [{ field: 'name', before: a.name, after: b.name }],
          message: `Team renamed: ${a.name} → ${b.name}`,
        })
      const owners = (t: typeof a) => [...t.ownerIds].sort(compareStrings).join(',')
      if (owners(a) !== owners(b))
        out.push({
          area: 'teams',
          kind: 'owner-changed',
          id: b.id,
          label: b.name,
          changes: [{ field: 'owners', before: owners(a), after: owners(b) }],
          message: `${b.name}: owner ${ownerNames(a)} → ${ownerNames(b)}`,
        })
      return out
    },
    add,
  })
  {
    const members = (b: DiffableBoard) => b.teams.flatMap((t) => t.members)
    diffCollection(members(before), members(after), {
      added: (m) => ({
        area: 'teams',
        kind: 'member-added',
        id: m.id,
        label: m.name,
        changes: [],
        message: `${m.name} joined ${teamName(m.teamId)} as ${m.role}${m.owner ? ' (owner)' : ''}`,
      }),
      removed: (m) => ({
        area: 'teams',
        kind: 'member-removed',
        id: m.id,
        label: m.name,
        changes: [],
        message: `${m.name} left ${teamName(m.teamId)}`,
      }),
      changed: (a, b) => {
        const c = changed(a, b, ['teamId', 'personId', 'role', 'owner'])
        if (!c.length) return []
        const parts = c.map((x) =>
          x.field === 'owner'
            ? x.after
              ? 'now an owner'
              : 'no longer an owner'
            : x.field === 'role'
              ? `role ${String(x.before)} → ${String(x.after)}`
              : x.field === 'teamId'
                ? `team ${teamName(x.before)} → ${teamName(x.after)}`
                : `now ${b.name}`,
        )
        return [
          {
            area: 'teams',
            kind: 'member-changed',
            id: b.id,
            label: b.name,
            changes: c,
            message: `${b.name} in ${teamName(b.teamId)}: ${parts.join('; ')}`,
          },
        ]
      },
      add,
    })
  }

  // ── milestones ──
  diffCollection(before.milestones, after.milestones, {
    added: (m) => ({
      area: 'milestones',
      kind: 'milestone-added',
      id: m.id,
      label: m.name,
      changes: [],
      message: `New milestone: ${m.name} (${m.date})`,
    }),
    removed: (m) => ({
      area: 'milestones',
      kind: 'milestone-removed',
      id: m.id,
      label: m.name,
      changes: [],
      message: `Milestone removed: ${m.name} (${m.date})`,
    }),
    changed: (a, b) => {
      const c = changed(a, b, ['name', 'date', 'outcome'])
      if (!c.length) return []
      const parts = c.map((x) =>
        x.field === 'date'
          ? `moved ${String(x.before)} → ${String(x.after)}`
          : x.field === 'name'
            ? `renamed from ${a.name}`
            : 'outcome changed',
      )
      return [
        {
          area: 'milestones',
          kind: 'milestone-changed',
          id: b.id,
          label: b.name,
          changes: c,
          message: `${b.name}: ${parts.join('; ')}`,
        },
      ]
    },
    add,
  })

  // ── dependencies ──
  const milestoneName = (b: DiffableBoard, id: Scalar) =>
    id === null ? 'no milestone' : (b.milestones.find((m) => m.id === id)?.name ?? String(id))
  const depText = (d: DiffableBoard['dependencies'][number]) =>
    `${d.fromName} needs ${quoted(d.what)} from ${d.toName}`
  /** Active, and its milestone's date is before `day`. */
  const late = (d: DiffableBoard['dependencies'][number], day: string) =>
    ACTIVE_DEPENDENCY.has(d.status) && d.milestone !== null && d.milestone.date < day
  diffCollection(before.dependencies, after.dependencies, {
    added: (d) => ({
      area: 'dependencies',
      kind: 'dependency-added',
      id: d.id,
      label: depText(d),
      changes: [],
      message: `New dependency: ${depText(d)}${d.milestone ? ` by ${d.milestone.name}` : ''} (${STATUS_WORDS[d.status]})`,
    }),
    removed: (d) => ({
      area: 'dependencies',
      kind: 'dependency-removed',
      id: d.id,
      label: depText(d),
      changes: [],
      message: `Dependency removed: ${depText(d)}`,
    }),
    changed: (a, b) => {
      const out: DiffEntry[] = []
      if (a.status !== b.status)
        out.push({
          area: 'dependencies',
          kind: b.status === 'done' ? 'dependency-done' : 'dependency-status-changed',
          id: b.id,
          label: depText(b),
          changes: [{ field: 'status', before: a.status, after: b.status }],
          message:
            b.status === 'done'
              ? `Done: ${depText(b)}`
              : `${depText(b)}: ${STATUS_WORDS[a.status]} → ${STATUS_WORDS[b.status]}`,
        })
      const c = changed(a, b, ['from', 'to', 'what', 'neededBy'])
      if (c.length) {
        const parts = c.map((x) =>
          x.field === 'neededBy'
            ? `due ${milestoneName(before, x.before)} → ${milestoneName(after, x.after)}`
            : x.field === 'what'
              ? `was ${quoted(a.what)}`
              : `${x.field === 'from' ? 'needed by' : 'needed from'} ${teamName(x.before)} → ${teamName(x.after)}`,
        )
        out.push({
          area: 'dependencies',
          kind: 'dependency-changed',
          id: b.id,
          label: depText(b),
          changes: c,
          message: `${depText(b)}: ${parts.join('; ')}`,
        })
      }
      // Slipped: still open after its milestone, and it was not already late back then.
      if (late(b, today) && !late(a, thenDay) && b.milestone)
        out.push({
          area: 'dependencies',
          kind: 'dependency-slipped',
          id: b.id,
          label: depText(b),
          changes: [{ field: 'late', before: false, after: true }],
          message: `Slipped past ${b.milestone.name} (${b.milestone.date}): ${depText(b)} is still ${STATUS_WORDS[b.status]}`,
        })
      return out
    },
    add,
  })

  // ── risks ──
  const personName = new Map<string, string>()
  for (const p of before.people) personName.set(p.id, p.name)
  for (const p of after.people) personName.set(p.id, p.name)
  diffCollection(before.risks, after.risks, {
    added: (r) => ({
      area: 'risks',
      kind: 'risk-added',
      id: r.id,
      label: r.title,
      changes: [],
      message: `New risk: ${r.title} (score ${r.score}, ${r.status})`,
    }),
    removed: (r) => ({
      area: 'risks',
      kind: 'risk-removed',
      id: r.id,
      label: r.title,
      changes: [],
      message: `Risk removed: ${r.title}`,
    }),
    changed: (a, b) => {
      const out: DiffEntry[] = []
      if (a.status !== b.status)
        out.push({
          area: 'risks',
          kind:
            b.status === 'closed'
              ? 'risk-closed'
              : b.status === 'occurred'
                ? 'risk-occurred'
                : 'risk-status-changed',
          id: b.id,
          label: b.title,
          changes: [{ field: 'status', before: a.status, after: b.status }],
          message:
            b.status === 'closed'
              ? `Risk closed: ${b.title}`
              : b.status === 'occurred'
                ? `Risk occurred: ${b.title}`
                : `${b.title}: ${a.status} → ${b.status}`,
        })
      const scored = changed(a, b, ['likelihood', 'impact'])
      if (scored.length)
        out.push({
          area: 'risks',
          kind: 'risk-rescored',
          id: b.id,
          label: b.title,
          changes: [...scored, ...changed(a, b, ['score'])],
          message: `${b.title} re-scored: ${a.score} → ${b.score} (${scored
            .map((x) => `${x.field} ${String(x.before)} → ${String(x.after)}`)
            .join(', ')})`,
        })
      const c = changed(a, b, ['title', 'description', 'ownerId', 'mitigation'])
      if (c.length) {
        const owner = (id: Scalar) =>
          id === null ? 'none' : (personName.get(String(id)) ?? String(id))
        const parts = c.map((x) =>
          x.field === 'ownerId'
            ? `owner ${owner(x.before)} → ${owner(x.after)}`
            : x.field === 'title'
              ? `renamed from ${quoted(a.title)}`
              : `${x.field} ${x.after ? 'changed' : 'cleared'}`,
        )
        out.push({
          area: 'risks',
          kind: 'risk-changed',
          id: b.id,
          label: b.title,
          changes: c,
          message: `${b.title}: ${parts.join('; ')}`,
        })
      }
      return out
    },
    add,
  })

  entries.sort(
    (x, y) =>
      DIFF_AREAS.indexOf(x.area) - DIFF_AREAS.indexOf(y.area) ||
      DIFF_KINDS.indexOf(x.kind) - DIFF_KINDS.indexOf(y.kind) ||
      compareNames(x.label, y.label) ||
      compareStrings(x.id ?? '', y.id ?? ''),
  )
  const counts = Object.fromEntries(DIFF_AREAS.map((a) => [a, 0])) as Record<DiffArea, number>
  for (const e of entries) counts[e.area]++
  return { entries, counts }
}

/** Calls `added` / `removed` / `changed` for entries only in `after`, only in `before`, or both. */
function diffCollection<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  fns: {
    added: (x: T) => DiffEntry
    removed: (x: T) => DiffEntry
    changed: (a: T, b: T) => DiffEntry[]
    add: (e: DiffEntry) => void
  },
): void {
  const a = byId(before)
  const b = byId(after)
  for (const [id, x] of a) {
    const y = b.get(id)
    if (!y) fns.add(fns.removed(x))
    else for (const e of fns.changed(x, y)) fns.add(e)
  }
  for (const [id, y] of b) if (!a.has(id)) fns.add(fns.added(y))
}

/** The diff between two records of the same board: the earlier one's close to the later one's. */
export function diffRecords(
  before: Pick<RecordContent, 'board' | 'closedAt'>,
  after: Pick<RecordContent, 'board' | 'closedAt'>,
): BoardDiff {
  return diffBoards(before.board, after.board, {
    now: new Date(after.closedAt),
    then: new Date(before.closedAt),
  })
}
