import type { Phase, SpotlightArea } from '@kickoff/model'

/** What each place on the board is called, for the nav, "bring everyone here" and notices. */
export const AREA_NAMES: Record<SpotlightArea | 'canvas', string> = {
  purpose: 'Purpose',
  lenses: 'Strategy lenses',
  teams: 'Teams',
  milestones: 'Milestones',
  dependencies: 'Dependencies',
  risks: 'Risk wall',
  readiness: 'Readiness',
  canvas: 'Canvas',
}

/** The agenda's steps, as the facilitator bar and the header name them. */
export const PHASE_NAMES: Record<Phase, string> = {
  welcome: 'Welcome',
  purpose: 'Purpose',
  lenses: 'Lenses',
  teams: 'Teams',
  dependencies: 'Dependencies',
  risks: 'Risks',
  wrapup: 'Wrap-up',
}

/**
 * Scrolls to a place on the board (an entry in it when given and on screen) and moves the focus
 * to its heading, so keyboard and screen reader users arrive there too.
 */
export function goToArea(area: SpotlightArea | 'canvas', targetId: string | null = null): void {
  const section = document.getElementById(`area-${area}`)
  if (!section) return
  const entry = targetId
    ? section.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(targetId)}"]`)
    : null
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches
  ;(entry ?? section).scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' })
  section.querySelector<HTMLElement>('[data-area-heading]')?.focus({ preventScroll: true })
}

/** True while someone is typing in a field: following must not pull them away mid-sentence. */
export function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
    return true
  return (
    el instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(el.type)
  )
}
