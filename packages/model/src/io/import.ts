import * as Y from 'yjs'
import { ModelError } from '../core/errors.js'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { lockField, SECTIONS } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { LAYOUT, OWNED_KEYS } from '../schema/layout.js'
import { KickoffExportSchema, type KickoffExport } from './format.js'

/**
 * Replaces the kickoff in `doc` with an export (an object, or its JSON text), in one transaction.
 * Validates everything first: the shape with zod, then that ids are unique and every reference
 * points at something in the file. Nothing is written unless it all holds (invalid_import, with
 * the path of the first problem). Foreign keys (canvas, retro) are left as they are.
 *
 * Not role-checked: importing replaces the whole board, so only the server (or a facilitator's
 * tool that has checked the role) should call it.
 */
export function importKickoff(doc: Y.Doc, json: unknown): KickoffExport {
  let input = json
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json)
    } catch (e) {
      throw new ModelError('invalid_import', `not JSON: ${(e as Error).message}`)
    }
  }
  const r = KickoffExportSchema.safeParse(input)
  if (!r.success) {
    const issue = r.error.issues[0]
    const path = issue?.path.join('.') ?? ''
    throw new ModelError(
      'invalid_import',
      `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`,
      path || undefined,
    )
  }
  const data = r.data
  checkReferences(data)
  doc.transact(() => {
    clearOwnedKeys(doc)
    write(doc, data)
  })
  return data
}

function fail(path: string, message: string): never {
  throw new ModelError('invalid_import', `${path}: ${message}`, path)
}

function idSet(name: string, items: { id: string }[]): Set<string> {
  const ids = new Set<string>()
  items.forEach((x, i) => {
    if (ids.has(x.id)) fail(`${name}.${i}.id`, `duplicate id ${x.id}`)
    ids.add(x.id)
  })
  return ids
}

function checkReferences(d: KickoffExport): void {
  const people = idSet('people', d.people)
  const teams = idSet('teams', d.teams)
  const lenses = idSet('lenses', d.lenses)
  const milestones = idSet('milestones', d.milestones)
  idSet('purpose.measures', d.purpose.measures)
  idSet('members', d.members)
  idSet('dependencies', d.dependencies)
  idSet('risks', d.risks)
  idSet('dots', d.dots)
  idSet(
    'purpose.confirmations',
    d.purpose.confirmations.map((c) => ({ id: c.teamId })),
  )
  idSet(
    'abstentions',
    d.abstentions.map((a) => ({ id: a.personId })),
  )
  idSet(
    'chosenLenses',
    d.chosenLenses.map((c) => ({ id: c.lensId })),
  )

  const ref = (ok: boolean, path: string, what: string, id: string) => {
    if (!ok) fail(path, `no ${what} with id ${id}`)
  }
  d.people.forEach(
    (p, i) => p.teamId && ref(teams.has(p.teamId), `people.${i}.teamId`, 'team', p.teamId),
  )
  d.members.forEach((m, i) => {
    ref(teams.has(m.teamId), `members.${i}.teamId`, 'team', m.teamId)
    ref(people.has(m.personId), `members.${i}.personId`, 'person', m.personId)
  })
  d.dependencies.forEach((x, i) => {
    ref(teams.has(x.from), `dependencies.${i}.from`, 'team', x.from)
    ref(teams.has(x.to), `dependencies.${i}.to`, 'team', x.to)
    if (x.from === x.to) fail(`dependencies.${i}.to`, 'a team cannot depend on itself')
    if (x.neededBy)
      ref(milestones.has(x.neededBy), `dependencies.${i}.neededBy`, 'milestone', x.neededBy)
  })
  d.risks.forEach(
    (x, i) => x.ownerId && ref(people.has(x.ownerId), `risks.${i}.ownerId`, 'person', x.ownerId),
  )
  d.dots.forEach((x, i) => {
    ref(lenses.has(x.lensId), `dots.${i}.lensId`, 'lens', x.lensId)
    ref(people.has(x.voterId), `dots.${i}.voterId`, 'person', x.voterId)
  })
  d.abstentions.forEach((x, i) =>
    ref(people.has(x.personId), `abstentions.${i}.personId`, 'person', x.personId),
  )
  d.chosenLenses.forEach((x, i) =>
    ref(lenses.has(x.lensId), `chosenLenses.${i}.lensId`, 'lens', x.lensId),
  )
  d.purpose.confirmations.forEach((x, i) =>
    ref(teams.has(x.teamId), `purpose.confirmations.${i}.teamId`, 'team', x.teamId),
  )
}

function clearOwnedKeys(doc: Y.Doc): void {
  for (const key of OWNED_KEYS) {
    if (LAYOUT[key].kind === 'text') {
      const text = doc.getText(key)
      if (text.length) text.delete(0, text.length)
    } else {
      const map = doc.getMap(key)
      for (const k of [...map.keys()]) map.delete(k)
    }
  }
}

function setAll(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(fields)) map.set(k, v)
}

function ymap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  setAll(m, fields)
  return m
}

type CollectionKey = {
  [K in keyof typeof LAYOUT]: (typeof LAYOUT)[K] extends { kind: 'collection' } ? K : never
}[keyof typeof LAYOUT]

function write(doc: Y.Doc, d: KickoffExport): void {
  setAll(doc.getMap(ROOT.meta), {
    schemaVersion: SCHEMA_VERSION,
    title: d.kickoff.title,
    createdAt: d.kickoff.createdAt,
    closedAt: d.kickoff.closedAt,
    closedBy: d.kickoff.closedBy,
    ...d.kickoff.settings,
  })
  const locks = new Set(d.facilitation.locks)
  setAll(doc.getMap(ROOT.facilitation), {
    phase: d.facilitation.phase,
    timer: d.facilitation.timer,
    spotlight: d.facilitation.spotlight,
    ...Object.fromEntries(SECTIONS.filter((s) => locks.has(s)).map((s) => [lockField(s), true])),
  })
  doc.getText(ROOT.purposeStatement).insert(0, d.purpose.statement)
  doc.getText(ROOT.purposeWhy).insert(0, d.purpose.why)
  setAll(doc.getMap(ROOT.voting), d.voting)

  // Each collection is stored as its layout says: a nested Y.Map or an immutable JSON value.
  const collection = <T extends object>(key: CollectionKey, items: T[], idField: keyof T) => {
    const map = doc.getMap(key)
    for (const item of items) {
      const { [idField]: id, ...fields } = item
      map.set(String(id), LAYOUT[key].entry === 'ymap' ? ymap(fields) : fields)
    }
  }
  collection(ROOT.purposeMeasures, d.purpose.measures, 'id')
  collection(ROOT.purposeConfirmations, d.purpose.confirmations, 'teamId')
  collection(ROOT.people, d.people, 'id')
  collection(ROOT.lenses, d.lenses, 'id')
  collection(ROOT.dots, d.dots, 'id')
  collection(ROOT.abstentions, d.abstentions, 'personId')
  collection(ROOT.chosenLenses, d.chosenLenses, 'lensId')
  collection(ROOT.teams, d.teams, 'id')
  collection(ROOT.members, d.members, 'id')
  collection(ROOT.milestones, d.milestones, 'id')
  collection(ROOT.dependencies, d.dependencies, 'id')
  collection(ROOT.risks, d.risks, 'id')
}
