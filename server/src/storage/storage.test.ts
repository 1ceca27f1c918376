import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { storageContract } from './test/contract.js'
import { LevelStorage } from './leveldb.js'
import { MemoryStorage } from './memory.js'

storageContract('memory', async () => ({ storage: new MemoryStorage() }))

storageContract('LevelDB', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kickoff-level-'))
  return { storage: await LevelStorage.open(dir), reopen: () => LevelStorage.open(dir) }
})
