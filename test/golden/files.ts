/** `kickoff-board-record/1`, schema 2, kickoff → `record-1.schema-2.kickoff.json`. */
export function goldenFileName(format: string, schemaVersion: number, kind: string): string {
  const version = format.slice(format.lastIndexOf('/') + 1)
  return `record-${version}.schema-${schemaVersion}.${kind}.json`
}
