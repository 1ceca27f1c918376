// web.board.firstload.kb.gzip: the JavaScript a first visit to a board (/k/<roomId>) downloads
// before anyone touches it, without the canvas (tldraw is loaded on demand and budgeted apart).
//
// How: the real built server in its own process; headless Chromium, a fresh browser context per
// run (empty HTTP cache), service workers blocked (the worker's precache runs after `load` and is
// not what the page needs), the visitor's name already in localStorage (so the whole board
// renders, not the name prompt). Every JavaScript response until the network is idle is counted
// by its transfer size (encoded body) with `Accept-Encoding: gzip`; the server sends SvelteKit's
// precompressed .gz files, and each response's `content-encoding` is checked: one that came
// uncompressed is counted at the size gzip -9 gives it instead. Files that only the canvas needs
// (the closure of the dynamic import of sections/canvas/editor.ts in Vite's manifest, minus
// anything the board's own entries import) are left out, and reported as `canvasKb`.
// KB = 1000 bytes. Median of 5 runs. Goal (issue 5): ≤ 150.
//
// web.board.interactive.ms: from navigation until a dot can be cast, on a busy board: 200
// participants who have placed their 3 dots each, 50 dependencies between 12 teams, 30 risks,
// the vote open. Seeded through the model over a stock y-websocket client, which stays
// connected (as the room's other people would) so the server holds the room in memory.
// Each run is a first visit of a new person: a fresh browser context (empty HTTP cache and
// IndexedDB, service workers blocked as above), the name and "no team" already chosen (so the
// board renders, not the join prompt). The clock is the page's own (performance.now(), from
// navigation start) at the first animation frame where the first "+ Dot" button is enabled
// and the link is synced: the board has the server's state, this person has joined, and the
// model's ballot says the dot would be accepted. Median of 7 runs after one warm-up.
// Goal (issue 5): ≤ 1,500.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import {
  addDependency,
  addLens,
  addMember,
  addMilestone,
  addRisk,
  addTeam,
  castDot,
  joinBoard,
  openVoting,
  tally,
  type Actor,
} from '@kickoff/model'
import type { Browser, Response } from 'playwright-core'
import type * as Y from 'yjs'
import { launchChromium } from '../helpers/browser.js'
import { connectClient, whenSynced, type Client } from '../helpers/clients.js'
import { repoRoot, ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { median, note, report } from './lib/report.js'

const RUNS = 5
const INTERACTIVE_RUNS = 7
const PEOPLE = 200
const DEPENDENCIES = 50
const RISKS = 30
const TEAMS = 12
const CANVAS_MODULE = 'src/routes/k/[roomId]/sections/canvas/editor.ts'

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
}

/** Build files (paths under the client root) that only the canvas needs. */
function canvasOnlyFiles(): Set<string> {
  const manifestPath = path.join(repoRoot, 'apps/web/.svelte-kit/output/client/.vite/manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>
  if (!manifest[CANVAS_MODULE]) throw new Error(`${CANVAS_MODULE} is not in ${manifestPath}`)
  const closure = (keys: string[], followDynamic: boolean): Set<string> => {
    const seen = new Set<string>()
    const files = new Set<string>()
    const visit = (key: string) => {
      if (seen.has(key)) return
      seen.add(key)
      const chunk = manifest[key]
      if (!chunk) return
      files.add(`/${chunk.file}`)
      for (const k of chunk.imports ?? []) visit(k)
      if (followDynamic) for (const k of chunk.dynamicImports ?? []) visit(k)
    }
    keys.forEach(visit)
    return files
  }
  const boardEntries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry)
  const board = closure(boardEntries, false)
  const canvas = closure([CANVAS_MODULE], true)
  return new Set([...canvas].filter((file) => !board.has(file)))
}

interface Loaded {
  path: string
  bytes: number
  encoding: string
}

function roomIdOf(link: string): string {
  return new URL(link).pathname.split('/').pop()!
}

async function firstLoad(browser: Browser, link: string): Promise<Loaded[]> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    extraHTTPHeaders: { 'accept-encoding': 'gzip' },
  })
  await context.addInitScript((room) => {
    localStorage.setItem(
      'kickoff:identity',
      JSON.stringify({ personId: 'bench-person-0001', name: 'Bench' }),
    )
    localStorage.setItem(`kickoff:team:${room}`, JSON.stringify({ teamId: null }))
  }, roomIdOf(link))
  const page = await context.newPage()
  const pending: Promise<Loaded | null>[] = []
  page.on('response', (response) => pending.push(measure(response)))
  await page.goto(link, { waitUntil: 'networkidle' })
  await page.getByTestId('kickoff-title').waitFor()
  const loaded = (await Promise.all(pending)).filter((x): x is Loaded => x !== null)
  await context.close()
  return loaded
}

async function measure(response: Response): Promise<Loaded | null> {
  const url = new URL(response.url())
  const type = response.headers()['content-type'] ?? ''
  if (!/javascript/.test(type) && !url.pathname.endsWith('.js')) return null
  const encoding = response.headers()['content-encoding'] ?? 'identity'
  const body = await response.body()
  const { responseBodySize } = await response.request().sizes()
  const bytes = encoding === 'gzip' ? responseBodySize : gzipSync(body, { level: 9 }).length
  return { path: url.pathname, bytes, encoding }
}

/** A small deterministic generator, so every run of the bench seeds the same board. */
function lcg(seed: number): () => number {
  let x = seed
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648
}

/** The busy board, written through the model as the facilitator and 200 participants. */
function seedBusyBoard(doc: Y.Doc): void {
  const rand = lcg(42)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const fac: Actor = { personId: 'bench-facilitator', role: 'facilitator' }
  doc.transact(() => {
    joinBoard(doc, fac, { name: 'Facilitator' })
    for (let i = 0; i < 8; i++) addLens(doc, fac, { title: `Lens ${i + 1}`, id: `lens-${i + 1}` })
    for (let t = 0; t < TEAMS; t++)
      addTeam(doc, fac, { name: `Team ${t + 1}`, id: `team-${t + 1}` })
    for (let m = 0; m < 6; m++)
      addMilestone(doc, fac, { name: `M${m + 1}`, date: `2027-0${m + 1}-15`, id: `m${m + 1}` })
  })
  const people: Actor[] = []
  doc.transact(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const me: Actor = { personId: `person-${String(i).padStart(3, '0')}`, role: 'participant' }
      const teamId = `team-${(i % TEAMS) + 1}`
      joinBoard(doc, me, { name: `Person ${String(i).padStart(3, '0')}`, teamId })
      addMember(doc, fac, { teamId, personId: me.personId, role: 'contributor', owner: i < TEAMS })
      people.push(me)
    }
  })
  doc.transact(() => {
    for (let d = 0; d < DEPENDENCIES; d++) {
      const from = Math.floor(rand() * TEAMS)
      const to = (from + 1 + Math.floor(rand() * (TEAMS - 1))) % TEAMS
      addDependency(doc, fac, {
        from: `team-${from + 1}`,
        to: `team-${to + 1}`,
        what: `Deliverable ${d + 1}`,
        neededBy: `m${(d % 6) + 1}`,
      })
    }
    for (let r = 0; r < RISKS; r++)
      addRisk(doc, fac, {
        title: `Risk ${r + 1}`,
        likelihood: 1 + Math.floor(rand() * 5),
        impact: 1 + Math.floor(rand() * 5),
        ownerId: r % 3 ? pick(people).personId : null,
        mitigation: r % 4 ? `Mitigation ${r + 1}` : '',
      })
    openVoting(doc, fac)
  })
  // Three dots each, on three different lenses (spread unevenly: some lenses lead).
  people.forEach((me, i) =>
    doc.transact(() => {
      const first = Math.floor(rand() * 8)
      for (const k of [0, 1 + (i % 3), 4]) castDot(doc, me, `lens-${((first + k) % 8) + 1}`)
    }),
  )
}

/** ms from navigation until the first "+ Dot" button is enabled and the board is synced. */
async function interactive(browser: Browser, roomId: string, link: string, run: number) {
  const context = await browser.newContext({ serviceWorkers: 'block' })
  await context.addInitScript(
    ([room, personId]) => {
      localStorage.setItem('kickoff:identity', JSON.stringify({ personId, name: 'Bench' }))
      localStorage.setItem(`kickoff:team:${room}`, JSON.stringify({ teamId: null }))
    },
    [roomId, `bench-visitor-${String(run).padStart(3, '0')}`] as const,
  )
  const page = await context.newPage()
  await page.goto(link, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(
    () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="cast-dot"]')
      const synced = document.querySelector('[data-status="connected"]')
      return button && !button.disabled && synced ? performance.now() : null
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  )
  const ms = (await handle.jsonValue()) as number
  await context.close()
  return ms
}

const server = new ServerProcess({ env: { LOG_LEVEL: 'info' } })
await server.start()
const browser = await launchChromium()
try {
  const room = await server.createRoom('bench first load')
  const link = `${server.httpUrl}/k/${room.roomId}#t=${room.tokens.participant}`
  const canvasOnly = canvasOnlyFiles()
  const boardKb: number[] = []
  const canvasKb: number[] = []
  let lastRun: Loaded[] = []
  for (let run = 0; run < RUNS; run++) {
    const loaded = await firstLoad(browser, link)
    const sum = (xs: Loaded[]) => xs.reduce((total, x) => total + x.bytes, 0) / 1000
    const board = loaded.filter((x) => !canvasOnly.has(x.path))
    boardKb.push(sum(board))
    canvasKb.push(sum(loaded.filter((x) => canvasOnly.has(x.path))))
    lastRun = board
    note(
      `run ${run}: board ${sum(board).toFixed(1)} KB in ${board.length} files, canvas ${canvasKb.at(-1)!.toFixed(1)} KB`,
    )
  }
  const encodings = [...new Set(lastRun.map((x) => x.encoding))]
  if (!encodings.every((e) => e === 'gzip'))
    note(`some JavaScript came without gzip (${encodings.join(', ')}): measured with gzip -9`)
  for (const x of [...lastRun].sort((a, b) => b.bytes - a.bytes))
    note(`  ${(x.bytes / 1000).toFixed(1).padStart(6)} KB ${x.encoding.padEnd(8)} ${x.path}`)
  report('web.board.firstload.kb.gzip', 'KB', median(boardKb), {
    runs: RUNS,
    files: lastRun.length,
    encodings,
    canvasKb: Math.round(median(canvasKb) * 10) / 10,
    goal: 150,
  })

  // web.board.interactive.ms
  const busy = await server.createRoom('bench busy board')
  const seeder: Client = connectClient(server.wsUrl, busy.roomId, busy.tokens.facilitator)
  await whenSynced(seeder)
  const t0 = performance.now()
  seedBusyBoard(seeder.doc)
  const voters = tally(seeder.doc, { includeHidden: true }).voters
  note(
    `seeded ${voters.length} voters, ${voters.reduce((n, v) => n + v.counted, 0)} dots in ${Math.round(performance.now() - t0)} ms`,
  )
  // Barrier: a second client has the whole board from the server.
  const check = connectClient(server.wsUrl, busy.roomId, busy.tokens.viewer)
  await whenSynced(check)
  await waitFor(() => tally(check.doc, { includeHidden: true }).voters.length === PEOPLE, {
    what: 'the seeded board on the server',
    timeoutMs: 60_000,
  })
  check.destroy()
  const busyLink = `${server.httpUrl}/k/${busy.roomId}#t=${busy.tokens.participant}`
  await interactive(browser, busy.roomId, busyLink, 0) // warm-up: server and browser caches
  const samples: number[] = []
  for (let run = 1; run <= INTERACTIVE_RUNS; run++) {
    samples.push(await interactive(browser, busy.roomId, busyLink, run))
    note(`run ${run}: interactive after ${Math.round(samples.at(-1)!)} ms`)
  }
  seeder.destroy()
  report('web.board.interactive.ms', 'ms', median(samples), {
    runs: INTERACTIVE_RUNS,
    samples: samples.map(Math.round),
    people: PEOPLE,
    dots: PEOPLE * 3,
    dependencies: DEPENDENCIES,
    risks: RISKS,
    goal: 1500,
  })
} finally {
  await browser.close()
  await server.dispose()
}
