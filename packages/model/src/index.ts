export { ROOT, SCHEMA_VERSION } from './schema/keys.js'
export type { RootKey } from './schema/keys.js'
export { initKickoff, getTitle, setTitle, TitleSchema } from './kickoff/kickoff.js'
export { purposeStatement } from './purpose/statement.js'
