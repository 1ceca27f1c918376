import { z } from 'zod'

/**
 * The sample's own format ("kickoff-sample/1"): plain data about a kickoff, by names rather than
 * ids, written for people. sampleToExport turns it into the board's import format.
 */
const Name = z.string()
export const KickoffSampleSchema = z.object({
  format: z.literal('kickoff-sample/1'),
  about: z.string(),
  title: z.string(),
  purpose: z.object({
    statement: z.string(),
    why: z.string(),
    successMeasures: z.array(z.string()),
  }),
  scope: z.object({ in: z.array(z.string()), out: z.array(z.string()) }),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** "" when the team has no owner. */
      owner: Name,
      members: z.array(z.object({ name: Name, role: z.enum(['lead', 'contributor', 'reviewer']) })),
    }),
  ),
  lenses: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  voting: z.object({
    dotsPerPerson: z.number(),
    maxDotsPerLens: z.number(),
    hiddenUntilReveal: z.boolean(),
    chooseAtLeast: z.number(),
    chooseAtMost: z.number(),
  }),
  votes: z.array(z.object({ voter: Name, dots: z.array(z.string()) })),
  milestones: z.array(
    z.object({ id: z.string(), name: z.string(), date: z.string(), outcome: z.string() }),
  ),
  dependencies: z.array(
    z.object({ from: z.string(), to: z.string(), what: z.string(), by: z.string() }),
  ),
  risks: z.array(
    z.object({
      title: z.string(),
      likelihood: z.number(),
      impact: z.number(),
      /** "" when no one owns it. */
      owner: Name,
      mitigation: z.string(),
    }),
  ),
  cadence: z.object({ sync: z.string(), updates: z.string() }),
  retro: z.object({ afterDays: z.number(), whatHappened: z.array(z.string()) }),
})
export type KickoffSample = z.infer<typeof KickoffSampleSchema>
