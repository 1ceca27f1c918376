#!/usr/bin/env node
// `pnpm bench [filter]`: runs every test/bench/*.bench.ts in its own process, one after another
// (benchmarks on a 2-core machine must not compete with each other), and prints one JSON line
// per figure on stdout: {"bench": name, "unit": u, "value": n, ...}. Everything else a benchmark
// prints goes to stderr, so `pnpm bench > figures.jsonl` keeps only the figures.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dir = path.join(root, 'test', 'bench')
const filter = process.argv[2] ?? ''

if (
  !existsSync(path.join(root, 'server/dist/main.js')) ||
  !existsSync(path.join(root, 'apps/web/build/handler.js'))
) {
  console.error('→ building first (pnpm build)')
  const r = spawnSync('pnpm', ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort()

let failed = 0
for (const file of files) {
  console.error(`\n━━ ${file} ━━`)
  const child = spawn(
    process.execPath,
    ['--conditions=@kickoff/source', '--import', 'tsx', path.join(dir, file)],
    // cwd: test/, where tsx is installed (--import resolves from the working directory).
    { cwd: path.join(root, 'test'), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })
  lines.on('line', (line) => {
    try {
      const parsed = JSON.parse(line)
      if (parsed && typeof parsed.bench === 'string') {
        process.stdout.write(`${line}\n`)
        return
      }
    } catch {
      // not a figure
    }
    process.stderr.write(`${line}\n`)
  })
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
  if (code !== 0) {
    failed++
    console.error(`✗ ${file} exited with ${code}`)
  }
}
process.exit(failed ? 1 : 0)
