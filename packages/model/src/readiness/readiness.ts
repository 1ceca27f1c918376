import type * as Y from 'yjs'
import { dependencyChecks, type DependencyChecks } from '../dependencies/checks.js'
import { readChosen } from '../lenses/chosen.js'
import { readVoting } from '../lenses/voting.js'
import { purposeConfirmations, type TeamConfirmation } from '../purpose/confirmations.js'
import { normalizeStatement, purposeStatement } from '../purpose/statement.js'
import { riskRanking, type RiskRanking } from '../risks/ranking.js'

/**
 * The kickoff's success signals: is it ready to close? Each signal says what is missing, naming
 * the team, risk or dependency, so the facilitator knows whom to ask.
 */

export const READINESS_SIGNALS = [
  'purpose-confirmed',
  'lenses-chosen',
  'one-owner-per-team',
  'top-risks-owned',
  'dependencies-due',
] as const
export type ReadinessSignalId = (typeof READINESS_SIGNALS)[number]

export interface MissingItem {
  /** The id of the team, lens, risk or dependency concerned, when there is one. */
  ref: string | null
  message: string
}

export interface ReadinessSignal {
  id: ReadinessSignalId
  label: string
  ok: boolean
  missing: MissingItem[]
}

export interface Readiness {
  ready: boolean
  signals: ReadinessSignal[]
}

function signal(id: ReadinessSignalId, label: string, missing: MissingItem[]): ReadinessSignal {
  return { id, label, ok: missing.length === 0, missing }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** `now` is passed on to the dependency checks this builds on. */
export function readiness(doc: Y.Doc, opts: { now: Date }): Readiness {
  return readinessOf(doc, {
    checks: dependencyChecks(doc, opts),
    confirmations: purposeConfirmations(doc),
    ranking: riskRanking(doc),
  })
}

/** Readiness from views already computed for the same doc and time (the record computes them). */
export function readinessOf(
  doc: Y.Doc,
  views: {
    checks: DependencyChecks
    confirmations: readonly TeamConfirmation[]
    ranking: RiskRanking
  },
): Readiness {
  const { checks, confirmations, ranking } = views

  const purpose: MissingItem[] = []
  if (!normalizeStatement(purposeStatement(doc).toString()))
    purpose.push({ ref: null, message: 'the purpose statement is empty' })
  if (confirmations.length === 0) purpose.push({ ref: null, message: 'no teams yet' })
  const noOwner = new Set(checks.noOwner.map((t) => t.id))
  for (const c of confirmations) {
    const ref = c.teamId
    if (c.status === 'confirmed') continue
    if (noOwner.has(c.teamId))
      purpose.push({ ref, message: `${c.teamName}: no owner to confirm the purpose` })
    else if (c.status === 'missing')
      purpose.push({ ref, message: `${c.teamName}: the owner has not confirmed the purpose` })
    else if (c.status === 'lapsed')
      purpose.push({
        ref,
        message: `${c.teamName}: the confirmation lapsed, the statement changed since`,
      })
    else
      purpose.push({
        ref,
        message: `${c.teamName}: confirmed by ${c.confirmedBy?.name || 'someone'}, who is not the team's one owner`,
      })
  }

  const { settings } = readVoting(doc)
  const chosen = readChosen(doc).length
  const lenses: MissingItem[] = []
  if (chosen < settings.chooseMin || chosen > settings.chooseMax)
    lenses.push({
      ref: null,
      message: `${plural(chosen, 'lens', 'lenses')} chosen; choose ${settings.chooseMin}–${settings.chooseMax}`,
    })

  const owners: MissingItem[] = [
    ...checks.noOwner.map((t) => ({ ref: t.id, message: `${t.name} has no owner` })),
    ...checks.manyOwners.map((m) => ({
      ref: m.team.id,
      message: `${m.team.name} has ${m.owners.length} owners: ${m.owners.map((o) => o.name).join(', ')}`,
    })),
  ]

  const risks: MissingItem[] = ranking.top.length
    ? ranking.topLacking.map((g) => ({
        ref: g.risk.id,
        message: `${g.risk.title}: no ${g.missing.join(', no ')}`,
      }))
    : [{ ref: null, message: 'no risks on the wall yet' }]

  const due: MissingItem[] = checks.noMilestone.map((d) => ({
    ref: d.id,
    message: `${d.from.name} needs "${d.what}" from ${d.to.name}: no due milestone`,
  }))

  const signals = [
    signal('purpose-confirmed', "Purpose confirmed by every team's owner", purpose),
    signal(
      'lenses-chosen',
      `${settings.chooseMin}–${settings.chooseMax} strategy lenses chosen`,
      lenses,
    ),
    signal('one-owner-per-team', 'Every team has exactly one owner', owners),
    signal('top-risks-owned', 'Top five risks have an owner and a mitigation', risks),
    signal('dependencies-due', 'Every dependency has a due milestone', due),
  ]
  return { ready: signals.every((s) => s.ok), signals }
}
