import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as main from './index.js'
import * as testing from './testing/index.js'

/** The names listed under `## <heading>` in api-report.md. */
function reported(heading: string): string[] {
  const text = readFileSync(new URL('../api-report.md', import.meta.url), 'utf8')
  const section = text.split(`## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^- (\S+)$/gm)].map((m) => m[1]!)
}

const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

describe('public API', () => {
  it('API-1: api-report.md lists exactly the runtime exports of each entry point', () => {
    expect(reported('@kickoff/model')).toEqual(sorted(Object.keys(main)))
    expect(reported('@kickoff/model/testing')).toEqual(sorted(Object.keys(testing)))
  })
})
