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
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Response } from 'playwright-core'
import { launchChromium } from '../helpers/browser.js'
import { repoRoot, ServerProcess } from '../helpers/server.js'
import { median, note, report } from './lib/report.js'

const RUNS = 5
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

async function firstLoad(browser: Browser, link: string): Promise<Loaded[]> {
  const context = await browser.newContext({
    serviceWorkers: 'block',
    extraHTTPHeaders: { 'accept-encoding': 'gzip' },
  })
  await context.addInitScript(() => {
    localStorage.setItem(
      'kickoff:identity',
      JSON.stringify({ personId: 'bench-person-0001', name: 'Bench' }),
    )
  })
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
} finally {
  await browser.close()
  await server.dispose()
}
