// Writes the golden records of the current record format and schema version into
// test/fixtures/golden/ (see its README): `pnpm --filter @kickoff/test golden`. Run it when
// RECORD_FORMAT or SCHEMA_VERSION changes, and commit the new files next to the old ones;
// never edit or delete a golden record that was committed.
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCHEMA_VERSION, sealRecord, type RecordContent } from '@kickoff/model'
import { goldenFileName } from './files.js'
import { goldenRecords } from './scenario.js'

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden')

async function write(record: RecordContent): Promise<void> {
  const file = path.join(dir, goldenFileName(record.format, SCHEMA_VERSION, record.kind))
  if (existsSync(file) && !process.argv.includes('--force')) {
    process.stderr.write(
      `kept ${path.basename(file)} (it exists; golden records are never rewritten)\n`,
    )
    return
  }
  const { hash } = await sealRecord(record)
  // Pretty-printed for review: the hash covers the canonical form, not the layout.
  writeFileSync(file, `${JSON.stringify({ recordId: record.recordId, hash, record }, null, 2)}\n`)
  process.stderr.write(`wrote ${path.basename(file)} (${hash})\n`)
}

const { kickoff, retro } = goldenRecords()
await write(kickoff)
await write(retro)
