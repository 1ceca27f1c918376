// Ad-hoc: one run against our server with a CPU profile (not part of pnpm bench).
import { ServerProcess } from '../../helpers/server.js'
import { runLoad, describeRun } from './harness.js'
const n = Number(process.argv[2] ?? 1000)
const server = new ServerProcess({
  wrap: ['taskset', '-c', '0', '/tmp/nodeprof.sh'],
  env: {
    LOG_LEVEL: 'info',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    MAX_CONNECTIONS_PER_ROOM: '100000',
  },
})
await server.start()
const target = {
  target: 'server' as const,
  pid: server.pid!,
  async newRoom() {
    const room = await server.createRoom('bench')
    const base = `${server.wsUrl}/${room.roomId}?token=`
    return { writerUrl: base + room.tokens.participant, readerUrl: base + room.tokens.viewer }
  },
  stop: async () => {},
}
const o = await runLoad(target, { mode: 'doc', clients: n, writers: 10, rate: 20, durationMs: 10000, stragglerMs: 10000, samples: 20 })
describeRun('server', n, 0, o)
await server.stop()
