import { purposeStatement } from '@kickoff/model'
import { connectClient, whenSynced, type Client } from './clients.js'
import type { ServerProcess } from './server.js'
import { waitFor } from './wait.js'

/**
 * Two stock clients in a room of their own. `check()` makes an edit on one and waits for the
 * other to see it: proof that the server is up and other rooms keep syncing.
 */
export class Canary {
  #a: Client | null = null
  #b: Client | null = null
  #n = 0

  constructor(readonly server: ServerProcess) {}

  async start(): Promise<this> {
    const room = await this.server.createRoom('canary')
    this.#a = connectClient(this.server.wsUrl, room.roomId, room.tokens.participant)
    this.#b = connectClient(this.server.wsUrl, room.roomId, room.tokens.participant)
    await Promise.all([whenSynced(this.#a), whenSynced(this.#b)])
    return this
  }

  async check(): Promise<void> {
    const word = `ping${++this.#n} `
    purposeStatement(this.#a!.doc).insert(0, word)
    await waitFor(() => purposeStatement(this.#b!.doc).toString().startsWith(word), {
      what: 'the canary room to sync',
    })
    if (this.#a!.closes.length + this.#b!.closes.length > 0) {
      throw new Error('a canary client was disconnected')
    }
  }

  destroy(): void {
    this.#a?.destroy()
    this.#b?.destroy()
  }
}

/** No line the server wrote contains a token it issued. */
export function tokensInLogs(server: ServerProcess): string[] {
  const leaked: string[] = []
  for (const token of server.issuedTokens) {
    if (server.output.some((line) => line.includes(token))) leaked.push(token)
  }
  return leaked
}
