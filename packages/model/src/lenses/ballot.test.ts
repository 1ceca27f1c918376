import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { isModelError } from '../core/errors.js'
import { lockSection, unlockSection } from '../facilitation/facilitation.js'
import { closeKickoff, reopenKickoff } from '../kickoff/kickoff.js'
import { createRng } from '../testing/rng.js'
import { FACILITATOR, OTHER, PARTICIPANT, T0, VIEWER, as, newKickoff } from '../testing/fixtures.js'
import { ballot } from './ballot.js'
import { addLens } from './candidates.js'
import { abstain, castDot, removeDot, withdrawAbstention } from './dots.js'
import { tally } from './tally.js'
import { closeVoting, openVoting, revealVoting, setVotingSettings } from './voting.js'

const LENSES = ['a', 'b', 'c', 'd']

function board(): Y.Doc {
  const doc = newKickoff()
  for (const id of LENSES) addLens(doc, FACILITATOR, { title: id.toUpperCase(), id })
  return doc
}

/** What a write does to a copy of the doc (its encoded state): 'ok' or the ModelError's code. */
function outcome(state: Uint8Array, write: (copy: Y.Doc) => void): string {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, state)
  try {
    write(copy)
    return 'ok'
  } catch (e) {
    if (isModelError(e)) return e.code
    throw e
  }
}

/** The ballot's answers next to what the writes really do, lens by lens. */
function compare(doc: Y.Doc, actor: Actor) {
  const b = ballot(doc, actor)
  const state = Y.encodeStateAsUpdate(doc)
  const said = {
    abstain: b.canAbstain ? 'ok' : b.refusal!.code,
    lenses: b.lenses.map((l) => ({
      add: l.canAdd ? 'ok' : l.addRefusal!.code,
      remove: l.canRemove ? 'ok' : 'refused',
    })),
  }
  const done = {
    abstain: outcome(state, (c) => abstain(c, actor, { now: T0 })),
    lenses: b.lenses.map((l) => ({
      add: outcome(state, (c) => castDot(c, actor, l.lensId, { now: T0 })),
      remove: outcome(state, (c) => removeDot(c, actor, l.lensId)) === 'ok' ? 'ok' : 'refused',
    })),
  }
  return { said, done }
}

describe('ballot', () => {
  it('VOT-13: shows my dots, my budget and what each control would do', () => {
    const doc = board()
    expect(ballot(doc, PARTICIPANT)).toMatchObject({
      state: 'draft',
      refusal: { code: 'wrong_state', message: 'the vote is draft, not open' },
      canAbstain: false,
    })
    openVoting(doc, FACILITATOR)
    castDot(doc, PARTICIPANT, 'a')
    castDot(doc, PARTICIPANT, 'a')
    castDot(doc, OTHER, 'b')
    const b = ballot(doc, PARTICIPANT)
    expect(b).toMatchObject({ counted: 2, remaining: 1, refusal: null, canAbstain: true })
    expect(b.lenses.map((l) => [l.lensId, l.mine, l.canAdd, l.canRemove])).toEqual([
      ['a', 2, false, true],
      ['b', 0, true, false],
      ['c', 0, true, false],
      ['d', 0, true, false],
    ])
    expect(b.lenses[0]!.addRefusal).toEqual({
      code: 'over_cap',
      message: 'at most 2 dots per lens; this lens has 2 of yours',
    })
    castDot(doc, PARTICIPANT, 'c')
    expect(ballot(doc, PARTICIPANT).lenses[1]!.addRefusal?.code).toBe('over_budget')
    // Nothing of anyone else's: OTHER's dot on b is not in my ballot.
    expect(JSON.stringify(ballot(doc, PARTICIPANT))).not.toContain(OTHER.personId)
  })

  it('VOT-13: viewers, people not on the board and a closed kickoff are refused with a reason', () => {
    const doc = board()
    openVoting(doc, FACILITATOR)
    expect(ballot(doc, VIEWER).refusal?.code).toBe('forbidden')
    expect(ballot(doc, as('not-joined')).refusal?.code).toBe('not_found')
    closeKickoff(doc, FACILITATOR)
    expect(ballot(doc, PARTICIPANT).refusal?.code).toBe('locked')
    expect(ballot(doc, FACILITATOR).refusal).toBeNull()
    expect(ballot(doc, { personId: 'bad id!', role: 'participant' }).refusal?.code).toBe(
      'invalid_input',
    )
  })

  it('VOT-13: on a random walk, the ballot always matches what castDot, removeDot and abstain do', () => {
    const actors = [FACILITATOR, PARTICIPANT, OTHER, VIEWER, as('not-joined')]
    const seen = new Set<string>()
    for (const seed of [1, 2, 3, 4]) {
      const rng = createRng(seed)
      const doc = board()
      openVoting(doc, FACILITATOR)
      for (let step = 0; step < 50; step++) {
        const actor = rng.pick(actors)
        const lens = rng.pick(LENSES)
        const now = { now: new Date(T0.getTime() + step * 1000) }
        const moves = [
          () => castDot(doc, actor, lens, now),
          () => castDot(doc, actor, lens, now),
          () => castDot(doc, actor, lens, now),
          () => removeDot(doc, actor, lens),
          () => abstain(doc, actor, now),
          () => withdrawAbstention(doc, actor),
          () => castDot(doc, actor, lens, now),
          () => openVoting(doc, FACILITATOR),
          () => closeVoting(doc, FACILITATOR),
          // Revealing ends the vote for good: rarely, and late.
          () => (step > 40 ? revealVoting(doc, FACILITATOR) : undefined),
          () => setVotingSettings(doc, FACILITATOR, { maxDotsPerLens: rng.int(1, 3) }),
          () => lockSection(doc, FACILITATOR, 'lenses'),
          () => unlockSection(doc, FACILITATOR, 'lenses'),
          () => (rng.bool(0.3) ? closeKickoff(doc, FACILITATOR) : reopenKickoff(doc, FACILITATOR)),
        ]
        try {
          rng.pick(moves)()
        } catch (e) {
          if (!isModelError(e)) throw e
        }
        for (const who of [actor, rng.pick(actors)]) {
          const { said, done } = compare(doc, who)
          expect(said, `seed ${seed}, step ${step}, ${who.personId}`).toEqual(done)
          for (const l of done.lenses) seen.add(l.add)
          seen.add(done.abstain)
        }
      }
    }
    // The walk went everywhere that matters (else it would prove little).
    expect([...seen].sort()).toEqual(
      ['forbidden', 'locked', 'not_found', 'ok', 'over_budget', 'over_cap', 'wrong_state'].sort(),
    )
  }, 30_000)

  it('VOT-13: my counted dots in the ballot are my dots in the tally', () => {
    const doc = board()
    openVoting(doc, FACILITATOR)
    castDot(doc, OTHER, 'b')
    castDot(doc, OTHER, 'd')
    const t = tally(doc, { viewer: OTHER.personId })
    const b = ballot(doc, OTHER)
    expect(b.counted).toBe(t.mine!.counted)
    expect(
      Object.fromEntries(b.lenses.filter((l) => l.mine).map((l) => [l.lensId, l.mine])),
    ).toEqual(t.mine!.byLens)
  })
})
