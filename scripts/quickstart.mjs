#!/usr/bin/env node
// The two README commands land here: `npm start` and `npm test`. It needs only Node and npm:
// it installs pnpm (pinned by package.json "packageManager") when missing, installs
// dependencies when the lockfile changed, builds when sources are newer than the build, and then
// starts the server (start) or installs Chromium and runs every check (test).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const mode = process.argv[2]
if (mode !== 'start' && mode !== 'test') {
  console.error('usage: node scripts/quickstart.mjs start|test')
  process.exit(2)
}

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Kickoff Board needs Node.js 20.19 or newer; this is ${process.version}.`)
  process.exit(1)
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '').split('+')[0]
const toolsDir = path.join(root, '.tools')
const localBin = path.join(toolsDir, 'node_modules', '.bin')
const env = { ...process.env, PATH: `${localBin}${path.delimiter}${process.env.PATH ?? ''}` }

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts })
  if (r.error) throw r.error
  return r.status ?? 1
}

function must(cmd, args, what) {
  const status = run(cmd, args)
  if (status !== 0) {
    console.error(`\n✗ ${what} failed (exit ${status}).`)
    process.exit(status)
  }
}

function pnpmWorks() {
  const r = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim() === pnpmVersion
}

function ensurePnpm() {
  if (pnpmWorks()) return
  console.log(`→ installing pnpm ${pnpmVersion} into .tools/ (npm)`)
  // A project-local install needs no root and leaves the machine's global packages alone.
  must(
    'npm',
    [
      'install',
      '--prefix',
      toolsDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${pnpmVersion}`,
    ],
    'installing pnpm',
  )
  if (!pnpmWorks()) {
    console.error(`✗ pnpm ${pnpmVersion} is still not runnable after installing it into .tools/.`)
    process.exit(1)
  }
}

function ensureDependencies() {
  const lock = path.join(root, 'pnpm-lock.yaml')
  const installed = path.join(root, 'node_modules', '.pnpm', 'lock.yaml')
  const fresh =
    existsSync(installed) && readFileSync(installed, 'utf8') === readFileSync(lock, 'utf8')
  if (fresh && existsSync(path.join(root, 'node_modules', '.modules.yaml'))) return
  console.log('→ installing dependencies (pnpm install --frozen-lockfile --force)')
  // --force: pnpm 10 remembers optional packages it skipped (tslib, via @emnapi) and keeps
  // skipping them after a lockfile change makes them required, which breaks the build of an
  // upgraded checkout. Relinking everything costs a few seconds, and only when the lockfile moved.
  must('pnpm', ['install', '--frozen-lockfile', '--force'], 'pnpm install')
}

const SOURCE_DIRS = ['packages', 'server', 'apps/web']
const SKIP = new Set(['node_modules', 'dist', 'build', '.svelte-kit', 'test', 'bench'])

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p))
    else if (!/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

function ensureBuild() {
  const outputs = ['server/dist/main.js', 'apps/web/build/handler.js'].map((p) =>
    path.join(root, p),
  )
  if (outputs.every(existsSync)) {
    const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs))
    const sources = Math.max(...SOURCE_DIRS.map((d) => newestMtime(path.join(root, d))))
    if (built >= sources) return
  }
  console.log('→ building (pnpm build)')
  must('pnpm', ['build'], 'build')
}

function chromiumPath() {
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  return null
}

function ensureChromium() {
  if (chromiumPath()) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (isRoot && hasApt) {
    console.log("→ installing Chromium from Debian's packages (apt-get install chromium)")
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
    if (run('apt-get', ['update', '-qq'], { env: aptEnv }) === 0) {
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
        env: aptEnv,
      })
    }
    if (chromiumPath()) return
  }
  console.error(
    '✗ The end-to-end tests need Chromium and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/the/binary',
  )
  process.exit(1)
}

ensurePnpm()
ensureDependencies()
if (mode === 'start') {
  ensureBuild()
  const server = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  // Pass stop signals on, so the server shuts down gracefully (stores everything) when an
  // operator or a supervisor stops this process.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal))
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  ensureChromium()
  must('pnpm', ['run', 'check'], 'checks')
}
