import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import * as Y from 'yjs'
import {
  applyOp,
  assertConverged,
  checkTallyInvariants,
  createRng,
  randomOp,
  type OpResult,
  type Rng,
} from '@kickoff/model/testing'
import { connectClient, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { ChaosClient, type Authored } from './client.js'
import { proveNothingLost, type Incarnation, type OpEntry } from './ledger.js'
import { ChaosProxy } from './proxy.js'
import { configFor, mix, pickStep, scheduleRng, type SeedConfig } from './schedule.js'

/**
 * One chaos seed against the real server: N stock y-websocket devices, each behind its own
 * chaos proxy, edit one kickoff through the model's own writes while the schedule drops and cuts
 * their connections, takes them offline, restarts them from IndexedDB, sends malformed frames
 * from a stranger, and (for seeds that own their server) SIGKILLs and SIGTERMs the server. Then
 * everything heals, and the run must prove that every device and a fresh one hold the same
 * document and views and that no write any device made is missing (ledger.ts).
 */

/** Environment for every chaos server: quiet logs, no web app (API and sync only). */
export const CHAOS_SERVER_ENV: Record<string, string> = {
  LOG_LEVEL: 'info',
  WEB_BUILD_DIR: '',
  // Every chaos client connects from 127.0.0.1: lift per-address limits a real deployment keeps.
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
}

export interface SeedResult {
  seed: number
  ok: boolean
  /** The failure, with the replay command and the event log, when not ok. */
  failure: string | null
  ops: number
  okOps: number
  /** Server restarts (SIGKILL and SIGTERM) and device restarts. */
  serverRestarts: number
  clientRestarts: number
  faults: number
  ms: number
  /** For suite-level checks after the run (shared server): where the final state lives. */
  roomId: string
  viewerToken: string
  finalState: Uint8Array | null
}

export interface RunOptions {
  /** A server shared with other seeds (never killed). Without it the seed starts its own. */
  shared?: ServerProcess
  /** Print every event as it happens (single-seed replay). */
  verbose?: boolean
  /** Overrides the schedule's choice (tests of the harness itself). */
  config?: Partial<SeedConfig>
}

export function replayCommand(seed: number): string {
  return `SEED=${seed} pnpm chaos`
}

/** The day of the run: ops carry clocks from here, a second apart, with a skew per device. */
const T0 = Date.parse('2026-11-21T09:00:00.000Z')

class SeedFailure extends Error {}

export async function runSeed(seed: number, opts: RunOptions = {}): Promise<SeedResult> {
  const cfg: SeedConfig = { ...configFor(seed), ...opts.config }
  if (opts.shared && cfg.ownsServer) cfg.ownsServer = false
  const sched = scheduleRng(seed)
  const t0 = performance.now()
  const events: string[] = []
  let event = 0
  const log = (text: string) => {
    const line = `#${event} +${Math.round(performance.now() - t0)}ms ${text}`
    events.push(line)
    if (opts.verbose) process.stderr.write(`${line}\n`)
  }

  const server = opts.shared ?? new ServerProcess({ env: CHAOS_SERVER_ENV })
  const owns = !opts.shared
  const proxies: ChaosProxy[] = []
  const clients: ChaosClient[] = []
  const ops: OpEntry[] = []
  const authored: Uint8Array[] = []
  const deadIncarnations: Incarnation[] = []
  const strangers: Promise<string>[] = []
  let current: Uint8Array[] | null = null
  let serverDown = false
  let serverStarting: Promise<void> | null = null
  let startError: unknown = null
  let serverRestarts = 0
  let clientRestarts = 0
  let faults = 0
  let fresh: Client | null = null
  let idCounter = 0
  const timers: { at: number; what: string; run: () => void }[] = []
  const result: SeedResult = {
    seed,
    ok: false,
    failure: null,
    ops: 0,
    okOps: 0,
    serverRestarts: 0,
    clientRestarts: 0,
    faults: 0,
    ms: 0,
    roomId: '',
    viewerToken: '',
    finalState: null,
  }

  const onAuthored = (a: Authored) => {
    authored.push(a.update)
    current?.push(a.update)
  }
  const viewers = [...new Set(cfg.actors.map((a) => a.personId))]
  const nowAt = (ev: number, client: number) =>
    new Date(T0 + ev * 1000 + (client % 2 ? -1 : 1) * client * 137)

  const restartServer = (why: string) => {
    serverStarting = server.start().then(
      () => {
        serverDown = false
        serverStarting = null
        log(`server up again (${why})`)
      },
      (err: unknown) => {
        serverStarting = null
        startError = err
      },
    )
    serverRestarts++
  }

  try {
    if (owns) await server.start()
    const room = await server.createRoom(`Chaos ${seed}`)
    result.roomId = room.roomId
    result.viewerToken = room.tokens.viewer
    log(
      `seed ${seed}: ${cfg.clients} devices (${cfg.persistent.map((p) => (p ? 'idb' : 'mem')).join(', ')}), ` +
        `${cfg.steps} steps, ${cfg.ownsServer ? 'own server (kills)' : 'shared server'}, garbage ${cfg.garbageRate}`,
    )

    for (let i = 0; i < cfg.clients; i++) {
      const proxy = await new ChaosProxy(() => server.port).listen()
      proxies.push(proxy)
      const actor = cfg.actors[i]!
      const c = new ChaosClient(
        i,
        actor,
        room.roomId,
        actor.role === 'facilitator' ? room.tokens.facilitator : room.tokens.participant,
        proxy,
        cfg.persistent[i] ? `chaos-${seed}-${i}-${process.pid}-${Date.now()}` : null,
        () => 1 + (mix(seed, ++idCounter) % 0x7ffffff0),
        onAuthored,
      )
      await c.start()
      clients.push(c)
    }
    // Everyone opens the board first (the app renders it before anyone edits).
    await waitFor(() => clients.every((c) => c.synced), { what: 'devices to sync first' })
    const start = Y.encodeStateAsUpdate(clients[0]!.doc)

    const doOp = (c: ChaosClient) => {
      event++
      const rng = createRng(mix(seed, event))
      const op = randomOp(c.doc, rng, {
        actors: [c.actor],
        now: nowAt(event, c.index),
        invalidRate: cfg.invalidRate,
        garbageRate: cfg.garbageRate,
      })
      const updates: Uint8Array[] = []
      current = updates
      let opResult: OpResult
      try {
        opResult = applyOp(c.doc, op)
      } catch (err) {
        // Not a refusal: the model threw something else, which is a bug in it.
        throw new SeedFailure(
          `#${event} c${c.index} ${op.name}(${JSON.stringify(op.args)}) threw: ${(err as Error).stack}`,
        )
      } finally {
        current = null
      }
      ops.push({
        event,
        client: c.index,
        clientID: c.doc.clientID,
        op,
        result: opResult,
        update: updates.length ? Y.mergeUpdates(updates) : null,
      })
      log(
        `c${c.index}${c.online ? '' : ' (offline)'} ${op.actor.personId} ${op.name}(${JSON.stringify(op.args)}) → ${opResult.ok ? 'ok' : opResult.code}`,
      )
      checkTallyInvariants(c.doc)
    }

    for (let step = 0; step < cfg.steps; step++) {
      for (const t of timers.filter((x) => x.at <= step)) {
        timers.splice(timers.indexOf(t), 1)
        event++
        log(t.what)
        t.run()
      }
      const kind = pickStep(sched, cfg)
      const c = sched.pick(clients)
      switch (kind) {
        case 'op': {
          const n = sched.int(1, 3)
          for (let k = 0; k < n; k++) doOp(c)
          break
        }
        case 'presence':
          event++
          c.movePresence(sched.int(0, 1000))
          break
        case 'pause': {
          const ms = sched.int(5, 60)
          event++
          log(`pause ${ms} ms`)
          await sleep(ms)
          break
        }
        case 'offline': {
          if (!c.online) break
          const back = step + sched.int(2, 8)
          event++
          faults++
          log(`c${c.index} goes offline until step ${back}`)
          c.goOffline()
          timers.push({
            at: back,
            what: `c${c.index} back online`,
            run: () => c.online || c.goOnline(),
          })
          break
        }
        case 'drop':
          event++
          faults++
          log(`c${c.index} connection reset (${c.proxy.live} live)`)
          c.proxy.drop()
          break
        case 'cut': {
          const direction = sched.bool() ? 'up' : 'down'
          const bytes = sched.int(1, 40)
          event++
          faults++
          const armed = c.proxy.cutMidStream(direction, bytes)
          log(
            `c${c.index} armed: cut ${direction}stream after ${bytes} bytes of the next chunk${armed ? '' : ' (no live link)'}`,
          )
          // Push data through the armed link: our own edit upstream, someone else's downstream.
          if (direction === 'up') doOp(c)
          else doOp(sched.pick(clients.filter((x) => x !== c)) ?? c)
          break
        }
        case 'blackout': {
          if (c.proxy.isDown) break
          const back = step + sched.int(2, 6)
          event++
          faults++
          log(`c${c.index} network unreachable until step ${back}`)
          c.proxy.down()
          timers.push({ at: back, what: `c${c.index} network back`, run: () => c.proxy.up() })
          break
        }
        case 'restart': {
          if (!c.persistent) break
          const online = c.online && sched.bool(0.8)
          event++
          faults++
          clientRestarts++
          deadIncarnations.push({
            client: c.index,
            clientID: c.doc.clientID,
            clock: Y.getState(c.doc.store, c.doc.clientID),
          })
          log(`c${c.index} restarts (tab reloaded${online ? '' : ', still offline'})`)
          await c.restart(online)
          log(`c${c.index} reloaded from IndexedDB as ${c.doc.clientID}`)
          break
        }
        case 'malformed': {
          if (serverDown) break
          const bytes = malformedFrame(sched)
          event++
          faults++
          log(`a stranger sends a malformed frame ${describeFrame(bytes)}`)
          strangers.push(sendMalformed(server.wsUrl, room.roomId, room.tokens.participant, bytes))
          break
        }
        case 'kill':
        case 'term': {
          if (serverDown || !cfg.ownsServer) break
          const back = step + sched.int(0, 5)
          event++
          faults++
          serverDown = true
          if (kind === 'kill') {
            log(`server SIGKILL (back at step ${back})`)
            await server.kill()
          } else {
            log(`server SIGTERM (back at step ${back})`)
            const code = await server.stop()
            if (code !== 0) throw new SeedFailure(`the server exited with ${code} on SIGTERM`)
          }
          timers.push({ at: back, what: 'server restarts', run: () => restartServer(kind) })
          break
        }
        default: {
          const never: never = kind
          throw new Error(`unknown step ${String(never)}`)
        }
      }
      // Invariants after every step, on every device.
      for (const x of clients) checkTallyInvariants(x.doc)
      // Let the network move: sometimes not at all, sometimes a few ms.
      const breathe = sched.int(0, 3)
      if (breathe > 0) await sleep(breathe * sched.int(1, 4))
      else await new Promise((r) => setImmediate(r))
    }

    // ── heal: everything comes back, and the run must converge ─────────────────────────────
    event++
    log('heal: networks up, devices online, server up')
    for (const t of timers.splice(0)) if (t.what.startsWith('server')) t.run()
    if (serverDown && !serverStarting) restartServer('heal')
    await serverStarting
    if (startError) throw new SeedFailure(`the server did not restart: ${String(startError)}`)
    for (const c of clients) {
      c.proxy.disarm()
      c.proxy.up()
      if (!c.online) c.goOnline()
    }
    const converged = await waitFor(
      () =>
        clients.every((c) => c.provider.wsconnected && c.synced) &&
        clients.every((c) => sameState(c.doc, clients[0]!.doc)),
      { timeoutMs: 30_000, intervalMs: 50, what: 'devices to converge' },
    ).catch(() => null)
    if (!converged) throw new SeedFailure(`devices did not converge in 30 s:\n${describe(clients)}`)
    log('devices converged')

    fresh = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
    const f = fresh
    const freshOk = await waitFor(() => f.provider.synced && sameState(f.doc, clients[0]!.doc), {
      timeoutMs: 15_000,
      what: 'a fresh client to load the same state',
    }).catch(() => null)
    if (!freshOk)
      throw new SeedFailure(
        `a fresh client does not get the devices' state from the server:\n${describeDocs([...clients.map((c) => c.doc), f.doc])}`,
      )
    log('a fresh client loads the same state')

    const now = nowAt(event + 1, 0)
    try {
      assertConverged([...clients.map((c) => c.doc), f.doc], now, viewers)
    } catch (err) {
      throw new SeedFailure(`documents or views differ: ${(err as Error).message}`)
    }
    const incarnations = [
      ...deadIncarnations,
      ...clients.map((c) => ({
        client: c.index,
        clientID: c.doc.clientID,
        clock: Y.getState(c.doc.store, c.doc.clientID),
      })),
    ]
    const proof = proveNothingLost({
      final: f.doc,
      start,
      ops,
      authored,
      incarnations,
      now,
      viewers,
    })
    if (proof.problems.length)
      throw new SeedFailure(`writes are missing:\n${proof.problems.join('\n')}`)
    log(
      `nothing lost: ${ops.length} ops (${proof.checkedOps} wrote), ${incarnations.length} incarnations`,
    )

    // A stranger's malformed frames closed only its own socket (and the server stayed up).
    for (const s of await Promise.all(strangers)) log(`stranger: ${s}`)

    result.finalState = Y.encodeStateAsUpdate(f.doc)
    if (cfg.ownsServer) {
      // What the server stored survives it: everyone leaves, the server stops (SIGKILL once the
      // server says nothing is pending, when it can say so; SIGTERM otherwise), and a fresh
      // client alone loads the final state from storage.
      for (const c of clients) c.goOffline()
      fresh.destroy()
      fresh = null
      const settled = await storedEverything(server)
      event++
      log(settled ? 'epilogue: nothing pending, SIGKILL' : 'epilogue: SIGTERM')
      if (settled) await server.kill()
      else await server.stop()
      await server.start()
      serverRestarts++
      fresh = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
      const g = fresh
      const final = clients[0]!.doc
      const reloaded = await waitFor(() => g.provider.synced && sameState(g.doc, final), {
        timeoutMs: 15_000,
        what: 'the restarted server to hold the final state',
      }).catch(() => null)
      if (!reloaded)
        throw new SeedFailure(
          `after ${settled ? 'SIGKILL' : 'SIGTERM'} and restart the server lacks stored writes:\n${describeDocs([final, g.doc])}`,
        )
      log('the restarted server holds the final state')
    }
    result.ok = true
  } catch (err) {
    const reason =
      err instanceof SeedFailure ? err.message : `threw: ${(err as Error).stack ?? String(err)}`
    result.failure =
      `chaos seed ${seed} FAILED: ${reason}\n` +
      `replay: ${replayCommand(seed)}\n` +
      `config: ${JSON.stringify(cfg)}\n` +
      (opts.verbose ? '' : `event log:\n${events.join('\n')}`)
  } finally {
    fresh?.destroy()
    await Promise.all(clients.map((c) => c.dispose().catch(() => {})))
    await Promise.all(proxies.map((p) => p.close()))
    if (owns) await server.dispose()
    result.ops = ops.length
    result.okOps = ops.filter((o) => o.result.ok).length
    result.serverRestarts = serverRestarts
    result.clientRestarts = clientRestarts
    result.faults = faults
    result.ms = Math.round(performance.now() - t0)
  }
  return result
}

/** Same items and same deletions (Yjs snapshots are equal). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))
}

function svOf(doc: Y.Doc): string {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))]
    .sort((x, y) => x[0] - y[0])
    .map(([c, k]) => `${c}:${k}`)
    .join(' ')
}

function describeDocs(docs: Y.Doc[]): string {
  return docs.map((d, i) => `  doc ${i}: sv ${svOf(d)}`).join('\n')
}

function describe(clients: ChaosClient[]): string {
  return clients
    .map(
      (c) =>
        `  c${c.index}: online ${c.online}, connected ${c.provider.wsconnected}, synced ${c.synced}, ` +
        `proxy ${c.proxy.isDown ? 'down' : 'up'} (${c.proxy.live} live), closes [${c.closes.join(',')}], sv ${svOf(c.doc)}`,
    )
    .join('\n')
}

/**
 * Waits until the server reports nothing applied-but-unstored (`kickoff_storage_pending_updates`
 * on /metrics). False when the server has no such metric: then only SIGTERM promises storage.
 */
export async function storedEverything(server: ServerProcess): Promise<boolean> {
  const pending = async (): Promise<number | null> => {
    const res = await fetch(`${server.httpUrl}/metrics`).catch(() => null)
    if (!res || res.status !== 200) return null
    const m = /^kickoff_storage_pending_updates(?:\{[^}]*\})? (\S+)$/m.exec(await res.text())
    return m ? Number(m[1]) : null
  }
  if ((await pending()) === null) return false
  await waitFor(async () => (await pending()) === 0, { what: 'storage to catch up' })
  return true
}

// ── a stranger with malformed frames ─────────────────────────────────────────────────────────

/** Frames no stock client sends and that can never parse as a valid update. */
function malformedFrame(rng: Rng): Uint8Array | string {
  switch (rng.int(0, 5)) {
    case 0:
      return new Uint8Array([rng.int(9, 120), rng.int(0, 255), rng.int(0, 255)]) // unknown type
    case 1:
      return new Uint8Array([0x00]) // sync without its sub-type
    case 2:
      return new Uint8Array([0x00, 0x02, 0x85]) // truncated varint length
    case 3:
      return new Uint8Array([0x00, 0x02, 0x03, 0xff, 0xff, 0xff]) // an update that does not parse
    case 4:
      return new Uint8Array([0x01, 0x03, 0x05, 0xff, 0xff]) // awareness that does not parse
    default:
      return 'hello' // a text frame
  }
}

function describeFrame(f: Uint8Array | string): string {
  return typeof f === 'string' ? `text ${JSON.stringify(f)}` : `[${[...f].join(',')}]`
}

/** Resolves with how the server answered: the close code, or that it kept the socket open. */
async function sendMalformed(
  wsUrl: string,
  roomId: string,
  token: string,
  frame: Uint8Array | string,
): Promise<string> {
  const ws = new WebSocket(`${wsUrl}/${roomId}?token=${token}`)
  ws.on('error', () => {})
  const closed = new Promise<string>((resolve) =>
    ws.on('close', (code, reason) => resolve(`closed ${code} ${reason.toString()}`)),
  )
  const opened = await Promise.race([
    new Promise<boolean>((r) => ws.once('open', () => r(true))),
    closed.then(() => false),
  ])
  if (!opened) return closed
  ws.send(frame, { binary: typeof frame !== 'string' })
  const answer = await Promise.race([closed, sleep(5000).then(() => 'kept open 5 s')])
  ws.terminate()
  return answer
}
