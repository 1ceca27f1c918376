/** Why a message was rejected; the connection maps it to a close code. */
export type FrameProblem = 'malformed' | 'invalid-update' | 'invalid-presence'

export class FrameError extends Error {
  constructor(
    readonly problem: FrameProblem,
    message: string,
  ) {
    super(message)
    this.name = 'FrameError'
  }
}
