import { RETRO_COLUMNS, type RetroColumn } from '../schema/entries.js'
import type { RecordContent, RecordKind } from './schema.js'

/**
 * A record as Markdown, for people: the document the record page shows, in one file that reads
 * well as plain text and renders anywhere (GET …/records/:id.md). It starts with a `#` heading
 * and ends with the hash, so a printed or pasted copy can be checked against the stored record.
 */

export const RECORD_KIND_NAMES: Record<RecordKind, string> = {
  kickoff: 'Kickoff record',
  checkin: 'Check-in record',
  retro: 'Retro record',
}

export const RETRO_COLUMN_NAMES: Record<RetroColumn, string> = {
  worked: 'What worked',
  friction: 'What caused friction',
  change: 'What to change next cycle',
}

/** Text that Markdown would otherwise read as markup, escaped; line breaks kept as spaces. */
function md(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|~])/g, '\\$1')
}

/** A table cell. */
function cell(text: string | number): string {
  return typeof text === 'number' ? String(text) : md(text) || '—'
}

function table(head: string[], rows: (string | number)[][]): string[] {
  if (rows.length === 0) return []
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ]
}

/** `2026-11-21T10:00:00.000Z` → `2026-11-21 10:00 UTC`: the same on every machine. */
export function recordTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

export function recordMarkdown(record: RecordContent, opts: { hash: string }): string {
  const b = record.board
  const out: string[] = []
  const title = record.title || 'Untitled kickoff'
  out.push(`# ${md(title)} — ${RECORD_KIND_NAMES[record.kind].toLowerCase()}`, '')
  out.push(
    `Closed ${recordTime(record.closedAt)}${record.closedBy.name ? ` by ${md(record.closedBy.name)}` : ''}. ` +
      `Record \`${record.recordId}\`, format \`${record.format}\`, schema version ${record.schemaVersion}.`,
    '',
  )

  // Purpose
  out.push('## Purpose', '')
  out.push(
    b.purpose.statement.trim() ? `> ${md(b.purpose.statement.trim())}` : '_No statement._',
    '',
  )
  if (b.purpose.why.trim()) out.push(`**Why it matters:** ${md(b.purpose.why.trim())}`, '')
  if (b.purpose.measures.length) {
    out.push('**Success measures:**', '')
    for (const m of b.purpose.measures) out.push(`- ${md(m.text)}`)
    out.push('')
  }
  out.push(
    ...table(
      ['Team', 'Confirmation', 'By'],
      b.purpose.confirmations.map((c) => [
        c.teamName,
        c.status.replace(/_/g, ' '),
        c.confirmedBy?.name ?? '',
      ]),
    ),
  )

  // Lenses
  const v = b.vote
  out.push('## Strategy lenses', '')
  const chosen = v.lenses.filter((l) => l.chosen)
  out.push(
    chosen.length
      ? `**Chosen:** ${chosen.map((l) => `${md(l.title)} (${l.dots} dots)`).join(', ')}`
      : '**Chosen:** none',
    '',
  )
  out.push(
    ...table(
      ['Rank', 'Lens', 'Dots', 'Voters', 'Chosen'],
      v.lenses.map((l) => [
        l.tied ? `${l.rank} (tie)` : l.rank,
        l.title,
        l.dots,
        l.voters,
        l.chosen ? 'yes' : '',
      ]),
    ),
  )
  out.push(
    `${v.voted} of ${v.eligible} people voted${v.abstained.length ? `, ${v.abstained.length} abstained` : ''}; the vote was ${v.state} (${v.settings.dotsPerPerson} dots each, at most ${v.settings.maxDotsPerLens} per lens).`,
    '',
  )
  for (const t of v.ties) {
    const names = t.lensIds.map((id) => v.lenses.find((l) => l.lensId === id)?.title ?? id)
    out.push(`Tied at ${t.dots} dots (#${t.rank}): ${names.map(md).join(', ')}.`, '')
  }

  // Teams
  out.push('## Teams and owners', '')
  if (b.teams.length === 0) out.push('_No teams._', '')
  for (const t of b.teams) {
    const owners = t.members.filter((m) => m.owner).map((m) => md(m.name))
    out.push(
      `### ${md(t.name)}`,
      '',
      owners.length === 1
        ? `Owner: **${owners[0]}**`
        : owners.length === 0
          ? 'Owner: **none** ⚠'
          : `Owners: **${owners.join(', ')}** ⚠ (more than one)`,
      '',
    )
    for (const m of t.members) out.push(`- ${md(m.name)} — ${m.role}${m.owner ? ', owner' : ''}`)
    if (t.members.length) out.push('')
  }

  // Milestones and dependencies
  if (b.milestones.length) {
    out.push('## Milestones', '')
    out.push(
      ...table(
        ['Milestone', 'Date', 'Outcome'],
        b.milestones.map((m) => [m.name, m.date, m.outcome]),
      ),
    )
  }
  const checks = record.checks.dependencies
  const late = new Set(checks.pastMilestone.map((d) => d.id))
  out.push('## Dependencies', '')
  if (b.dependencies.length === 0) out.push('_No dependencies._', '')
  out.push(
    ...table(
      ['Needs', 'What', 'From', 'By', 'Status'],
      b.dependencies.map((d) => [
        d.fromName,
        d.what,
        d.toName,
        d.milestone
          ? `${d.milestone.name} (${d.milestone.date})${late.has(d.id) ? ' — past due' : ''}`
          : 'no milestone',
        d.status,
      ]),
    ),
  )
  for (const c of checks.cycles) out.push(`- Cycle: ${md(c.path)}`)
  if (checks.cycles.length) out.push('')

  // Risks
  out.push('## Risks', '', '### Top five', '')
  const risks = new Map(b.risks.map((r) => [r.id, r]))
  const lacking = new Map(record.checks.risks.topLacking.map((g) => [g.riskId, g.missing]))
  if (record.checks.risks.top.length === 0) out.push('_No open risks._', '')
  record.checks.risks.top.forEach((id, i) => {
    const r = risks.get(id)
    if (!r) return
    const missing = lacking.get(id) ?? []
    out.push(
      `${i + 1}. **${md(r.title)}** — score ${r.score} (likelihood ${r.likelihood} × impact ${r.impact}); ` +
        `owner: ${r.ownerName ? md(r.ownerName) : '**none**'}; ` +
        `mitigation: ${r.mitigation.trim() ? md(r.mitigation) : '**none**'}${missing.length ? ' ⚠' : ''}`,
    )
  })
  if (record.checks.risks.top.length) out.push('')
  out.push('### Risk wall', '')
  out.push(
    ...table(
      ['Risk', 'Likelihood', 'Impact', 'Score', 'Status', 'Owner', 'Mitigation'],
      b.risks.map((r) => [
        r.title,
        r.likelihood,
        r.impact,
        r.score,
        r.status,
        r.ownerName ?? '',
        r.mitigation,
      ]),
    ),
  )
  if (b.risks.length === 0) out.push('_No risks._', '')

  // Readiness
  const r = record.readiness
  out.push('## Readiness at close', '')
  out.push(
    r.ready
      ? 'Ready: every signal held.'
      : `${r.signals.filter((s) => s.ok).length} of ${r.signals.length} signals held.`,
    '',
  )
  for (const s of r.signals) {
    out.push(`- ${s.ok ? '✓' : '✗'} ${md(s.label)}`)
    for (const m of s.missing) out.push(`  - ${md(m.message)}`)
  }
  out.push('')

  // Retro
  if (record.retro.items.length) {
    const dots = new Map(record.retro.tally.items.map((i) => [i.itemId, i.dots]))
    out.push('## Retro', '')
    for (const col of RETRO_COLUMNS) {
      const items = record.retro.items.filter((i) => i.column === col)
      if (!items.length) continue
      out.push(`### ${RETRO_COLUMN_NAMES[col]}`, '')
      for (const i of [...items].sort((x, y) => (dots.get(y.id) ?? 0) - (dots.get(x.id) ?? 0)))
        out.push(`- ${md(i.text)}${dots.get(i.id) ? ` (${dots.get(i.id)} dots)` : ''}`)
      out.push('')
    }
  }

  out.push('---', '', `SHA-256 of the record: \`${opts.hash}\``, '')
  return out.join('\n')
}
