import type * as Y from 'yjs'
import { compareNames, compareStrings } from '../core/compare.js'
import { readPeople } from '../people/people.js'
import { ACTIVE_RISK } from '../schema/entries.js'
import { readRisks, type RiskEntryView } from './risks.js'

/**
 * Risk ranking. score = likelihood × impact. Ties are ordered, always the same way: higher
 * impact first (a likely nuisance matters less than an unlikely disaster), then higher
 * likelihood, then title, then id. Ties that straddle the top five are reported, so the
 * ordering never silently decides what makes the cut.
 */

export const TOP_RISKS = 5

export interface RankedRisk extends RiskEntryView {
  score: number
  ownerName: string | null
  /** Open or occurred: can still hurt, so it competes for the top five. */
  active: boolean
  /** Position among active risks (1-based), or null for inactive ones. */
  rank: number | null
}

export interface RiskGap {
  risk: RankedRisk
  missing: ('owner' | 'mitigation')[]
}

export interface RiskRanking {
  /** Every risk: active ones by rank, then the rest in the same order. */
  ranked: RankedRisk[]
  /** The top five active risks. */
  top: RankedRisk[]
  /** Active risks outside the top five with the same score as the fifth. */
  tiedWithFifth: RankedRisk[]
  /** Top-five risks with no owner or no mitigation. */
  topLacking: RiskGap[]
}

export function compareRisks(
  a: Pick<RankedRisk, 'score' | 'impact' | 'likelihood' | 'title' | 'id'>,
  b: typeof a,
): number {
  return (
    b.score - a.score ||
    b.impact - a.impact ||
    b.likelihood - a.likelihood ||
    compareNames(a.title, b.title) ||
    compareStrings(a.id, b.id)
  )
}

export function riskRanking(doc: Y.Doc): RiskRanking {
  const people = readPeople(doc)
  const all = readRisks(doc, people).map((r) => ({
    ...r,
    score: r.likelihood * r.impact,
    ownerName: r.ownerId ? (people.get(r.ownerId)?.name ?? null) : null,
    active: ACTIVE_RISK.has(r.status),
    rank: null as number | null,
  }))
  const active = all.filter((r) => r.active).sort(compareRisks)
  active.forEach((r, i) => (r.rank = i + 1))
  const inactive = all.filter((r) => !r.active).sort(compareRisks)
  const top = active.slice(0, TOP_RISKS)
  const fifth = top[TOP_RISKS - 1]
  const tiedWithFifth = fifth ? active.slice(TOP_RISKS).filter((r) => r.score === fifth.score) : []
  const topLacking: RiskGap[] = []
  for (const r of top) {
    const missing: RiskGap['missing'] = []
    if (!r.ownerId) missing.push('owner')
    if (!r.mitigation.trim()) missing.push('mitigation')
    if (missing.length) topLacking.push({ risk: r, missing })
  }
  return { ranked: [...active, ...inactive], top, tiedWithFifth, topLacking }
}
