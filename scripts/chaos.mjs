#!/usr/bin/env node
// `pnpm chaos [--seeds a-b]`, `SEED=<n> pnpm chaos` and `pnpm soak --duration <s>`: builds the
// server (tsc -b is incremental: a second when nothing changed), then runs test/chaos/cli.ts
// with tsx. The harness always proves the server as it is built from these sources.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = spawnSync('pnpm', ['run', '--silent', 'build:ts'], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

const child = spawn(
  process.execPath,
  [
    '--conditions=@kickoff/source',
    '--import',
    'tsx',
    path.join(root, 'test/chaos/cli.ts'),
    ...process.argv.slice(2),
  ],
  // cwd: test/, where tsx is installed (--import resolves from the working directory).
  { cwd: path.join(root, 'test'), stdio: 'inherit' },
)
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
