// chaos.idle.egress.<N>: messages per second the server sends to a room of N idle stock clients
// (connected, presence set, nobody typing or moving), measured over CHAOS_IDLE_SECONDS (120)
// after a settling period, for N = 250 and 500, so the growth is visible: stock awareness renews
// every client's presence every 15 s and a relaying server forwards each renewal to everyone
// (N²/15 messages a second: ×4 from 250 to 500); a server that coalesces presence grows ×2 or
// less. chaos.idle.cpu.<N>: the server's CPU (% of one core) over the same window.
// chaos.idle.growth: egress at 500 ÷ egress at 250 (4 = quadratic, 2 = linear).
// Egress is counted at the clients (every message one of them receives is one the server sent);
// when the server has /metrics, kickoff_messages_sent_total is reported next to it.
import { setTimeout as sleep } from 'node:timers/promises'
import { ServerProcess } from '../helpers/server.js'
import { CHAOS_SERVER_ENV } from '../chaos/run.js'
import { Crowd } from './lib/crowd.js'
import { cpuSecondsOf, rssMBOf } from './lib/proc.js'
import { note, report } from './lib/report.js'

process.setMaxListeners(0)
const SECONDS = Number(process.env.CHAOS_IDLE_SECONDS ?? 120)
const SETTLE_SECONDS = 20
const SIZES = (process.env.CHAOS_IDLE_SIZES ?? '250,500').split(',').map(Number)

async function metricSent(server: ServerProcess): Promise<number | null> {
  const res = await fetch(`${server.httpUrl}/metrics`).catch(() => null)
  if (!res || res.status !== 200) return null
  let total: number | null = null
  for (const m of (await res.text()).matchAll(
    /^kickoff_messages_sent_total(?:\{[^}]*\})? (\S+)$/gm,
  ))
    total = (total ?? 0) + Number(m[1])
  return total
}

const egress = new Map<number, number>()
for (const n of SIZES) {
  const server = new ServerProcess({ env: CHAOS_SERVER_ENV })
  await server.start()
  const room = await server.createRoom(`idle ${n}`)
  const crowd = new Crowd(server.wsUrl, room.roomId, room.tokens.participant)
  await crowd.grow(n)
  // Let the joins' presence bursts pass: measure the steady state.
  await sleep(SETTLE_SECONDS * 1000)
  const pid = server.pid!
  const received0 = crowd.received
  const sent0 = await metricSent(server)
  const cpu0 = cpuSecondsOf(pid)
  const me0 = process.cpuUsage()
  const t0 = performance.now()
  await sleep(SECONDS * 1000)
  const wall = (performance.now() - t0) / 1000
  const perSecond = (crowd.received - received0) / wall
  const sent1 = await metricSent(server)
  const serverCpu = ((cpuSecondsOf(pid) - cpu0) / wall) * 100
  const me = process.cpuUsage(me0)
  const loadgenCpu = ((me.user + me.system) / 1e6 / wall) * 100
  // Bounded egress is worth nothing if presence decays: stock clients drop a state not renewed
  // for 30 s, so after two idle minutes every client must still see all N.
  const seeingAll = crowd.providers.filter((p) => p.awareness.getStates().size === n).length / n
  egress.set(n, perSecond)
  note(
    `${n} idle clients: ${perSecond.toFixed(0)} messages/s out, server CPU ${serverCpu.toFixed(1)} %, ` +
      `RSS ${rssMBOf(pid).toFixed(0)} MB, load generator CPU ${loadgenCpu.toFixed(0)} %, all synced: ${crowd.syncedCount() === n}, ` +
      `clients seeing all ${n} presences: ${(seeingAll * 100).toFixed(0)} %`,
  )
  report(`chaos.idle.egress.${n}`, 'msg/s', perSecond, {
    seconds: SECONDS,
    clients: n,
    ...(sent0 !== null && sent1 !== null
      ? { metricsPerSecond: Math.round((sent1 - sent0) / wall) }
      : {}),
    quadraticWouldBe: Math.round((n * n) / 15),
    seeingAllPresences: seeingAll,
    loadgenCpuPercent: Math.round(loadgenCpu),
  })
  report(`chaos.idle.cpu.${n}`, '%', serverCpu, { seconds: SECONDS, clients: n })
  crowd.destroy()
  await server.dispose()
}
const [small, large] = SIZES
if (small && large && egress.get(small) && egress.get(large))
  report('chaos.idle.growth', 'ratio', egress.get(large)! / egress.get(small)!, {
    from: small,
    to: large,
    quadratic: (large / small) ** 2,
    linear: large / small,
  })
process.exit(0)
