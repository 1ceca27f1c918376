import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import * as Y from 'yjs'
import {
  applyOp,
  assertConverged,
  checkTallyInvariants,
  createRng,
  randomOp,
  type ModelOp,
  type OpName,
  type OpResult,
} from '@kickoff/model/testing'
import type { CreateRoomResponse } from '@kickoff/protocol'
import { connectClient, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { ChaosClient, type Authored } from './client.js'
import { proveNothingLost, type Incarnation, type OpEntry } from './ledger.js'
import { ChaosProxy } from './proxy.js'
import {
  configFor,
  drawStep,
  mix,
  scheduleRng,
  type SeedConfig,
  type Step,
  type StepKind,
} from './schedule.js'

/**
 * One chaos run against the real server: N stock y-websocket devices, each behind its own chaos
 * proxy, edit one kickoff through the model's own writes while the steps (drawn from a seed, or
 * scripted) drop and cut their connections mid-frame, take them offline, restart them from
 * IndexedDB, send malformed frames from a stranger and, for runs that own their server, SIGKILL
 * and SIGTERM it. Invariants are checked after every step. Then everything heals, and the run
 * must show that every device and a fresh client hold the same document and views and that no
 * write any device made is missing (ledger.ts). Seeds that own their server end by killing it
 * once more and loading the final state from storage alone.
 */

/** Environment for every chaos server: quiet logs, no web app (API and sync only). */
export const CHAOS_SERVER_ENV: Record<string, string> = {
  LOG_LEVEL: 'info',
  WEB_BUILD_DIR: '',
  // Every chaos client connects from 127.0.0.1: lift the per-address limit a deployment keeps.
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
}

export interface SeedResult {
  seed: number
  ok: boolean
  /** The failure, with the replay command and the event log, when not ok. */
  failure: string | null
  ops: number
  okOps: number
  /** Ops made while the device was offline (its choice or the network's). */
  offlineOps: number
  /** Server restarts (SIGKILL and SIGTERM, the epilogue's included) and device restarts. */
  serverRestarts: number
  clientRestarts: number
  /** Faults by kind, and mid-frame cuts that actually fired. */
  faults: Partial<Record<StepKind, number>>
  cutsFired: number
  /** Close codes the server sent to the devices, in order, all devices together. */
  closeCodes: number[]
  ms: number
  /** Where the final state lives (for suite-level checks after the run). */
  roomId: string
  viewerToken: string
  finalState: Uint8Array | null
}

export interface RunOptions {
  /** A server shared with other seeds (never killed). Without it the run starts its own. */
  shared?: ServerProcess
  /** Print every event as it happens (single-seed replay). */
  verbose?: boolean
  /** Overrides parts of the seed's config. */
  config?: Partial<SeedConfig>
  /** Steps to run instead of drawing them from the seed (scripted scenarios). */
  script?: Step[]
}

export function replayCommand(seed: number): string {
  return `SEED=${seed} pnpm chaos`
}

/** The day of the run: ops carry clocks from here, a second apart, with a skew per device. */
const T0 = Date.parse('2026-11-21T09:00:00.000Z')

class SeedFailure extends Error {}

/** Frames no stock client sends and that can never parse as a valid update. */
export const MALFORMED: readonly (Uint8Array | string)[] = [
  new Uint8Array([0x6b, 0xce, 0xf9]), // unknown message type 107
  new Uint8Array([0x00]), // sync without its sub-type
  new Uint8Array([0x00, 0x02, 0x85]), // truncated varint length
  new Uint8Array([0x00, 0x02, 0x03, 0xff, 0xff, 0xff]), // an update that does not parse
  new Uint8Array([0x01, 0x03, 0x05, 0xff, 0xff]), // awareness that does not parse
  'hello', // a text frame
]

export async function runSeed(seed: number, opts: RunOptions = {}): Promise<SeedResult> {
  const cfg: SeedConfig = { ...configFor(seed), ...opts.config }
  if (opts.script) cfg.steps = opts.script.length
  if (opts.shared) cfg.ownsServer = false
  const run = new ChaosRun(seed, cfg, opts)
  return run.run()
}

class ChaosRun {
  readonly server: ServerProcess
  readonly owns: boolean
  readonly clients: ChaosClient[] = []
  readonly ops: OpEntry[] = []
  readonly authored: Uint8Array[] = []
  readonly deadIncarnations: Incarnation[] = []
  readonly strangers: Promise<{ answer: string; serverWentDown: boolean }>[] = []
  /** Counts server kills and stops, so a stranger's close can be told from a restart's. */
  serverEpoch = 0
  readonly events: string[] = []
  readonly timers: { at: number; what: string; run: () => void }[] = []
  readonly t0 = performance.now()
  readonly result: SeedResult
  room!: CreateRoomResponse
  event = 0
  step = 0
  current: Uint8Array[] | null = null
  serverDown = false
  serverStarting: Promise<void> | null = null
  startError: unknown = null
  fresh: Client | null = null
  idCounter = 0

  constructor(
    readonly seed: number,
    readonly cfg: SeedConfig,
    readonly opts: RunOptions,
  ) {
    this.server = opts.shared ?? new ServerProcess({ env: CHAOS_SERVER_ENV })
    this.owns = !opts.shared
    this.result = {
      seed,
      ok: false,
      failure: null,
      ops: 0,
      okOps: 0,
      offlineOps: 0,
      serverRestarts: 0,
      clientRestarts: 0,
      faults: {},
      cutsFired: 0,
      closeCodes: [],
      ms: 0,
      roomId: '',
      viewerToken: '',
      finalState: null,
    }
  }

  log(text: string): void {
    const line = `#${this.event} +${Math.round(performance.now() - this.t0)}ms ${text}`
    this.events.push(line)
    if (this.opts.verbose) process.stderr.write(`${line}\n`)
  }

  fault(kind: StepKind): void {
    this.result.faults[kind] = (this.result.faults[kind] ?? 0) + 1
  }

  get viewers(): string[] {
    return [...new Set(this.cfg.actors.map((a) => a.personId))]
  }

  nowAt(event: number, client: number): Date {
    return new Date(T0 + event * 1000 + (client % 2 ? -1 : 1) * client * 137)
  }

  async run(): Promise<SeedResult> {
    const { cfg, result } = this
    try {
      await this.setUp()
      const start = Y.encodeStateAsUpdate(this.clients[0]!.doc)
      const sched = scheduleRng(this.seed)
      for (this.step = 0; this.step < cfg.steps; this.step++) {
        this.fireTimers()
        const step = this.opts.script ? this.opts.script[this.step]! : drawStep(sched, cfg)
        await this.execute(step)
        // Invariants after every step, on every device.
        for (const c of this.clients) checkTallyInvariants(c.doc)
        // Let the network move: sometimes not at all, sometimes a few ms.
        const breathe = this.opts.script ? 0 : sched.int(0, 3)
        if (breathe > 0) await sleep(breathe * sched.int(4, 25))
        else await new Promise((r) => setImmediate(r))
      }
      await this.heal()
      await this.prove(start)
      if (cfg.ownsServer) await this.epilogue()
      result.ok = true
    } catch (err) {
      const reason =
        err instanceof SeedFailure ? err.message : `threw: ${(err as Error).stack ?? String(err)}`
      result.failure =
        `chaos seed ${this.seed} FAILED: ${reason}\n` +
        (this.opts.script ? `(a scripted run)\n` : `replay: ${replayCommand(this.seed)}\n`) +
        `config: ${JSON.stringify(cfg)}\n` +
        (this.opts.verbose ? '' : `event log:\n${this.events.join('\n')}`)
    } finally {
      await this.tearDown()
    }
    return result
  }

  async setUp(): Promise<void> {
    const { cfg, server } = this
    if (this.owns) await server.start()
    this.room = await server.createRoom(`Chaos ${this.seed}`)
    this.result.roomId = this.room.roomId
    this.result.viewerToken = this.room.tokens.viewer
    this.log(
      `seed ${this.seed}: ${cfg.clients} devices (${cfg.persistent.map((p) => (p ? 'idb' : 'mem')).join(', ')}), ` +
        `${cfg.steps} steps, ${cfg.ownsServer ? 'own server (kills)' : 'shared server'}, garbage ${cfg.garbageRate}`,
    )
    const onAuthored = (a: Authored) => {
      this.authored.push(a.update)
      this.current?.push(a.update)
    }
    for (let i = 0; i < cfg.clients; i++) {
      const proxy = await new ChaosProxy(() => server.port).listen()
      const actor = cfg.actors[i]!
      const c = new ChaosClient(
        i,
        actor,
        this.room.roomId,
        actor.role === 'facilitator' ? this.room.tokens.facilitator : this.room.tokens.participant,
        proxy,
        cfg.persistent[i] ? `chaos-${this.seed}-${i}-${process.pid}-${Date.now()}` : null,
        () => 1 + (mix(this.seed, ++this.idCounter) % 0x7ffffff0),
        onAuthored,
      )
      this.clients.push(c)
      await c.start()
    }
    // Everyone opens the board first (the app renders it before anyone edits).
    await waitFor(() => this.clients.every((c) => c.synced), { what: 'devices to sync first' })
  }

  fireTimers(): void {
    for (const t of this.timers.filter((x) => x.at <= this.step)) {
      this.timers.splice(this.timers.indexOf(t), 1)
      this.event++
      this.log(t.what)
      t.run()
    }
  }

  /** One model operation on a device: random (from the event's own rng) or the one given. */
  doOp(c: ChaosClient, fixed?: { name: OpName; args: unknown[] }): void {
    const { cfg } = this
    const event = ++this.event
    const now = this.nowAt(event, c.index)
    const op: ModelOp = fixed
      ? { ...fixed, actor: c.actor, now: now.toISOString() }
      : randomOp(c.doc, createRng(mix(this.seed, event)), {
          actors: [c.actor],
          now,
          invalidRate: cfg.invalidRate,
          garbageRate: cfg.garbageRate,
        })
    const updates: Uint8Array[] = []
    this.current = updates
    let result: OpResult
    try {
      result = applyOp(c.doc, op)
    } catch (err) {
      // Not a refusal: the model threw something else, which is a bug in it.
      throw new SeedFailure(
        `#${event} c${c.index} ${op.name}(${JSON.stringify(op.args)}) threw: ${(err as Error).stack}`,
      )
    } finally {
      this.current = null
    }
    const offline = !c.online || c.proxy.isDown || !c.provider.wsconnected
    if (offline) this.result.offlineOps++
    this.ops.push({
      event,
      client: c.index,
      clientID: c.doc.clientID,
      op,
      result,
      update: updates.length ? Y.mergeUpdates(updates) : null,
    })
    this.log(
      `c${c.index}${offline ? ' (offline)' : ''} ${op.actor.personId} ${op.name}(${JSON.stringify(op.args)}) → ${result.ok ? 'ok' : result.code}`,
    )
    checkTallyInvariants(c.doc)
  }

  restartServer(why: string): void {
    this.serverStarting = this.server.start().then(
      () => {
        this.serverDown = false
        this.serverStarting = null
        this.log(`server up again (${why})`)
      },
      (err: unknown) => {
        this.serverStarting = null
        this.startError = err
      },
    )
    this.result.serverRestarts++
  }

  async execute(step: Step): Promise<void> {
    const c = 'client' in step ? this.clients[step.client]! : null
    switch (step.kind) {
      case 'op':
        for (let k = 0; k < step.count; k++) this.doOp(c!)
        return
      case 'presence':
        this.event++
        c!.movePresence(step.x)
        return
      case 'pause':
        this.event++
        this.log(`pause ${step.ms} ms`)
        await sleep(step.ms)
        return
      case 'offline': {
        if (!c!.online) return
        const back = this.step + step.steps
        this.event++
        this.fault(step.kind)
        this.log(`c${c!.index} goes offline until step ${back}`)
        c!.goOffline()
        this.timers.push({
          at: back,
          what: `c${c!.index} back online`,
          run: () => c!.online || c!.goOnline(),
        })
        return
      }
      case 'drop':
        this.event++
        this.fault(step.kind)
        this.log(`c${c!.index} connection reset (${c!.proxy.live} live)`)
        c!.proxy.drop()
        return
      case 'cut': {
        this.event++
        this.fault(step.kind)
        const armed = c!.proxy.cutMidStream(step.direction, step.bytes)
        this.log(
          `c${c!.index} armed: cut ${step.direction}stream after ${step.bytes} bytes of the next chunk${armed ? '' : ' (no live link)'}`,
        )
        // Push data through the armed link: the device's own edit upstream, another's downstream.
        this.doOp(this.clients[step.pusher]!)
        return
      }
      case 'blackout': {
        if (c!.proxy.isDown) return
        const back = this.step + step.steps
        this.event++
        this.fault(step.kind)
        this.log(`c${c!.index} network unreachable until step ${back}`)
        c!.proxy.down()
        this.timers.push({ at: back, what: `c${c!.index} network back`, run: () => c!.proxy.up() })
        return
      }
      case 'restart': {
        if (!c!.persistent) return
        const online = c!.online && step.online
        this.event++
        this.fault(step.kind)
        this.result.clientRestarts++
        this.deadIncarnations.push({
          client: c!.index,
          clientID: c!.doc.clientID,
          clock: Y.getState(c!.doc.store, c!.doc.clientID),
        })
        this.log(`c${c!.index} restarts (tab reloaded${online ? '' : ', still offline'})`)
        await c!.restart(online)
        this.log(`c${c!.index} reloaded from IndexedDB as ${c!.doc.clientID}`)
        return
      }
      case 'malformed': {
        if (this.serverDown) return
        const frame = MALFORMED[step.frame % MALFORMED.length]!
        this.event++
        this.fault(step.kind)
        this.log(`a stranger sends a malformed frame ${describeFrame(frame)}`)
        const epoch = this.serverEpoch
        this.strangers.push(
          sendMalformed(
            this.server.wsUrl,
            this.room.roomId,
            this.room.tokens.participant,
            frame,
          ).then((answer) => ({ answer, serverWentDown: this.serverEpoch !== epoch })),
        )
        return
      }
      case 'kill':
      case 'term': {
        if (this.serverDown || !this.cfg.ownsServer) return
        const back = this.step + step.steps
        this.event++
        this.fault(step.kind)
        this.serverDown = true
        this.serverEpoch++
        if (step.kind === 'kill') {
          this.log(`server SIGKILL (back at step ${back})`)
          await this.server.kill()
        } else {
          this.log(`server SIGTERM (back at step ${back})`)
          const code = await this.server.stop()
          if (code !== 0) throw new SeedFailure(`the server exited with ${code} on SIGTERM`)
        }
        const kind = step.kind
        this.timers.push({ at: back, what: 'server restarts', run: () => this.restartServer(kind) })
        return
      }
      case 'write':
        this.doOp(c!, { name: step.name, args: step.args })
        return
      case 'settle': {
        this.event++
        this.log('settle: waiting for online devices to sync')
        const online = () =>
          this.clients.filter((x) => x.online && !x.proxy.isDown && !this.serverDown)
        await waitFor(
          () =>
            online().every((x) => x.provider.wsconnected && x.synced) &&
            online().every((x) => sameState(x.doc, online()[0]!.doc)),
          { timeoutMs: 30_000, what: 'online devices to settle' },
        )
        return
      }
      default: {
        const never: never = step
        throw new Error(`unknown step ${JSON.stringify(never)}`)
      }
    }
  }

  /** Everything comes back; the devices must converge. */
  async heal(): Promise<void> {
    const { clients } = this
    this.event++
    this.log('heal: networks up, devices online, server up')
    for (const t of this.timers.splice(0)) if (t.what.startsWith('server')) t.run()
    if (this.serverDown && !this.serverStarting) this.restartServer('heal')
    await this.serverStarting
    if (this.startError)
      throw new SeedFailure(`the server did not restart: ${String(this.startError)}`)
    for (const c of clients) {
      this.result.cutsFired += c.proxy.stats.cuts
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
    if (!converged)
      throw new SeedFailure(`devices did not converge in 30 s:\n${describeClients(clients)}`)
    this.log('devices converged')
  }

  /** A fresh client gets the same state; documents and views agree; nothing is missing. */
  async prove(start: Uint8Array): Promise<void> {
    const { clients, room } = this
    const f = connectClient(this.server.wsUrl, room.roomId, room.tokens.viewer)
    this.fresh = f
    const freshOk = await waitFor(() => f.provider.synced && sameState(f.doc, clients[0]!.doc), {
      timeoutMs: 15_000,
      what: 'a fresh client to load the same state',
    }).catch(() => null)
    if (!freshOk)
      throw new SeedFailure(
        `a fresh client does not get the devices' state from the server:\n${describeDocs([...clients.map((c) => c.doc), f.doc])}`,
      )
    this.log('a fresh client loads the same state')

    const now = this.nowAt(this.event + 1, 0)
    try {
      assertConverged([...clients.map((c) => c.doc), f.doc], now, this.viewers)
    } catch (err) {
      throw new SeedFailure(`documents or views differ: ${(err as Error).message}`)
    }
    const incarnations = [
      ...this.deadIncarnations,
      ...clients.map((c) => ({
        client: c.index,
        clientID: c.doc.clientID,
        clock: Y.getState(c.doc.store, c.doc.clientID),
      })),
    ]
    const proof = proveNothingLost({
      final: f.doc,
      start,
      ops: this.ops,
      authored: this.authored,
      incarnations,
      now,
      viewers: this.viewers,
    })
    if (proof.problems.length)
      throw new SeedFailure(`writes are missing:\n${proof.problems.join('\n')}`)
    this.log(
      `nothing lost: ${this.ops.length} ops (${proof.checkedOps} wrote), ${incarnations.length} incarnations`,
    )

    // A stranger's malformed frame closed its own socket with a reason (and only that socket:
    // the devices converged above, on the same server and in the same room).
    // (A server that went down before answering closes it with 1012, or not at all: not a refusal.)
    for (const { answer, serverWentDown } of await Promise.all(this.strangers)) {
      this.log(`stranger: ${answer}${serverWentDown ? ' (the server went down meanwhile)' : ''}`)
      const code = /^closed (\d+)/.exec(answer)?.[1]
      if (serverWentDown && (code === '1012' || code === '1006')) continue
      if (!code || !refusalCode(Number(code)))
        throw new SeedFailure(`a malformed frame was not refused with a close code: ${answer}`)
    }
    this.result.finalState = Y.encodeStateAsUpdate(f.doc)
  }

  /**
   * What the server stored survives it: everyone leaves, the server is SIGKILLed once it reports
   * nothing pending (SIGTERMed when it cannot say), and a fresh client alone must load the final
   * state from storage.
   */
  async epilogue(): Promise<void> {
    const { server, room } = this
    for (const c of this.clients) c.goOffline()
    this.fresh?.destroy()
    this.fresh = null
    const settled = await storedEverything(server)
    this.event++
    this.log(settled ? 'epilogue: nothing pending, SIGKILL' : 'epilogue: SIGTERM')
    if (settled) await server.kill()
    else await server.stop()
    await server.start()
    this.result.serverRestarts++
    const g = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
    this.fresh = g
    const final = this.clients[0]!.doc
    const reloaded = await waitFor(() => g.provider.synced && sameState(g.doc, final), {
      timeoutMs: 15_000,
      what: 'the restarted server to hold the final state',
    }).catch(() => null)
    if (!reloaded)
      throw new SeedFailure(
        `after ${settled ? 'SIGKILL' : 'SIGTERM'} and restart the server lacks stored writes:\n${describeDocs([final, g.doc])}`,
      )
    this.log('the restarted server holds the final state')
  }

  async tearDown(): Promise<void> {
    const { result } = this
    this.fresh?.destroy()
    await Promise.all(this.clients.map((c) => c.dispose().catch(() => {})))
    await Promise.all(this.clients.map((c) => c.proxy.close()))
    if (this.owns) await this.server.dispose()
    result.ops = this.ops.length
    result.okOps = this.ops.filter((o) => o.result.ok).length
    result.closeCodes = this.clients.flatMap((c) => c.closes)
    result.ms = Math.round(performance.now() - this.t0)
  }
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

function describeClients(clients: ChaosClient[]): string {
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

/** A deliberate refusal: a 44xx code (stock clients stop retrying) or a WebSocket protocol code. */
function refusalCode(code: number): boolean {
  return (code >= 4400 && code < 4500) || [1002, 1003, 1007, 1008, 1009].includes(code)
}

function describeFrame(f: Uint8Array | string): string {
  return typeof f === 'string' ? `text ${JSON.stringify(f)}` : `[${[...f].join(',')}]`
}

/** Resolves with how the server answered: the close code, or that it kept the socket open. */
export async function sendMalformed(
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
