#!/usr/bin/env node
import path from 'node:path'
import { createKickoffServer } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './log.js'
import { LevelStorage } from './storage/leveldb.js'

const config = loadConfig()
const log = createLogger(config.LOG_LEVEL)
const dataDir = path.resolve(config.DATA_DIR)
const storage = await LevelStorage.open(dataDir, { fsync: config.STORAGE_FSYNC })
const server = await createKickoffServer({ config, storage, log })
const port = await server.listen()
// Tests and scripts read this line to learn the port when PORT=0.
log.info({ port, host: config.HOST, dataDir }, 'listening')

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log.info({ signal }, 'shutting down')
  try {
    await server.close()
    log.info('stopped: everything stored')
    process.exit(0)
  } catch (err) {
    log.error({ err }, 'shutdown failed: some updates may not be stored')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'))
process.on('SIGINT', () => void stop('SIGINT'))
