/**
 * Team colours for avatars: a fixed palette, assigned in the board's team order (the same on
 * every client), so a team has the same colour on every screen. White initials stay readable on
 * each (contrast ≥ 4.5:1). With more teams than colours, colours repeat; the team's name is
 * always in the avatar's label, so colour is never the only cue.
 */
export const TEAM_PALETTE = [
  '#1f5f99', // blue
  '#a23b72', // magenta
  '#2f7d4f', // green
  '#b34700', // orange
  '#6a4c9c', // violet
  '#00707a', // teal
  '#8a5a00', // ochre
  '#b02a37', // red
  '#3d5a80', // slate
  '#5b6b2f', // olive
] as const

export interface TeamColor {
  name: string
  color: string
}

/** Team id → colour and name, for teams in board order. */
export function teamColors(teams: readonly { id: string; name: string }[]): Map<string, TeamColor> {
  const out = new Map<string, TeamColor>()
  teams.forEach((t, i) =>
    out.set(t.id, { name: t.name, color: TEAM_PALETTE[i % TEAM_PALETTE.length]! }),
  )
  return out
}
