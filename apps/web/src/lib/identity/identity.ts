import { z } from 'zod'

const KEY = 'kickoff:identity'

/** Who this browser is: asked once, remembered in localStorage. */
export const IdentitySchema = z.object({
  personId: z.string().min(8).max(64),
  name: z.string().trim().min(1).max(80),
})
export type Identity = z.infer<typeof IdentitySchema>

export function loadIdentity(): Identity | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const parsed = IdentitySchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function saveIdentity(name: string): Identity {
  const previous = loadIdentity()
  const identity = IdentitySchema.parse({
    personId: previous?.personId ?? crypto.randomUUID(),
    name,
  })
  localStorage.setItem(KEY, JSON.stringify(identity))
  return identity
}

/** A stable colour per person, so the same person looks the same on every screen. */
export function colorFor(id: string): string {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return `hsl(${h % 360} 65% 45%)`
}

const teamKey = (roomId: string) => `kickoff:team:${roomId}`
const TeamChoiceSchema = z.object({ teamId: z.string().min(1).max(64).nullable() })

/**
 * The team this browser picked on one board (teams belong to a board), or undefined when it has
 * not picked yet. `teamId: null` is a choice too: "no team, I'll pick later".
 */
export function loadTeamChoice(roomId: string): string | null | undefined {
  try {
    const raw = localStorage.getItem(teamKey(roomId))
    if (raw === null) return undefined
    const parsed = TeamChoiceSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data.teamId : undefined
  } catch {
    return undefined
  }
}

export function saveTeamChoice(roomId: string, teamId: string | null): void {
  localStorage.setItem(teamKey(roomId), JSON.stringify({ teamId }))
}
