import type { RecordContent } from './schema.js'

/**
 * A record's tables as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break), one file per table: risks, dependencies, votes. Text
 * that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * is prefixed with a single quote, so opening an export never runs what someone typed into
 * the board.
 */

export const RECORD_CSV_TABLES = ['risks', 'dependencies', 'votes'] as const
export type RecordCsvTable = (typeof RECORD_CSV_TABLES)[number]

type Cell = string | number | boolean | null

function field(v: Cell): string {
  if (v === null) return ''
  if (typeof v !== 'string') return String(v)
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function csv(head: string[], rows: Cell[][]): string {
  return [head, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}

export function recordCsv(record: RecordContent, table: RecordCsvTable): string {
  const b = record.board
  switch (table) {
    case 'risks': {
      const top = new Set(record.checks.risks.top)
      return csv(
        [
          'id',
          'title',
          'description',
          'likelihood',
          'impact',
          'score',
          'status',
          'rank',
          'top_five',
          'owner',
          'mitigation',
        ],
        b.risks.map((r) => [
          r.id,
          r.title,
          r.description,
          r.likelihood,
          r.impact,
          r.score,
          r.status,
          r.rank,
          top.has(r.id),
          r.ownerName,
          r.mitigation,
        ]),
      )
    }
    case 'dependencies': {
      const late = new Set(record.checks.dependencies.pastMilestone.map((d) => d.id))
      return csv(
        ['id', 'needs', 'what', 'from', 'milestone', 'milestone_date', 'status', 'past_due'],
        b.dependencies.map((d) => [
          d.id,
          d.fromName,
          d.what,
          d.toName,
          d.milestone?.name ?? null,
          d.milestone?.date ?? null,
          d.status,
          late.has(d.id),
        ]),
      )
    }
    case 'votes': {
      // One row per lens and voter who put counted dots on it (a lens nobody voted for has one
      // row with no voter): the lens totals repeat on each row, so the file pivots either way.
      const rows: Cell[][] = []
      for (const l of b.vote.lenses) {
        const lens = [l.lensId, l.title, l.rank, l.tied, l.dots, l.chosen] as Cell[]
        const voters = b.vote.voters.filter((v) => (v.byLens[l.lensId] ?? 0) > 0)
        if (voters.length === 0) rows.push([...lens, null, null, 0])
        for (const v of voters) rows.push([...lens, v.personId, v.name, v.byLens[l.lensId] ?? 0])
      }
      return csv(
        [
          'lens_id',
          'lens',
          'rank',
          'tied',
          'lens_dots',
          'chosen',
          'voter_id',
          'voter',
          'voter_dots',
        ],
        rows,
      )
    }
  }
}
