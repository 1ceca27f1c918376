#!/usr/bin/env node
// Every check the README's test command runs, in order, with timings. Steps after a failed build
// are skipped (they need the build); otherwise every step runs and the failures are listed last.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const steps = [
  { name: 'typecheck', cmd: ['pnpm', 'run', 'typecheck'] },
  { name: 'lint', cmd: ['pnpm', 'run', 'lint'] },
  { name: 'build', cmd: ['pnpm', 'run', 'build'], gate: true },
  { name: 'unit tests', cmd: ['pnpm', 'run', 'test:unit'] },
  { name: 'multi-client tests', cmd: ['pnpm', 'run', 'test:multi'], needsBuild: true },
  // Seeded chaos against the real server: 200 seeds (CHAOS_SEEDS), pinned seeds, durability.
  { name: 'chaos', cmd: ['pnpm', 'run', 'test:chaos'], needsBuild: true },
  { name: 'end-to-end tests', cmd: ['pnpm', 'run', 'test:e2e'], needsBuild: true },
]

const results = []
let built = true
for (const step of steps) {
  if (step.needsBuild && !built) {
    results.push({ name: step.name, status: 'skipped (build failed)', ms: 0 })
    continue
  }
  console.log(`\n━━ ${step.name} ━━`)
  const t0 = Date.now()
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit' })
  const ok = r.status === 0
  if (step.gate && !ok) built = false
  results.push({
    name: step.name,
    status: ok ? 'ok' : `FAILED (exit ${r.status})`,
    ms: Date.now() - t0,
  })
}

console.log('\n━━ summary ━━')
for (const r of results)
  console.log(`${r.status.padEnd(24)} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`)
process.exit(results.every((r) => r.status === 'ok') ? 0 : 1)
