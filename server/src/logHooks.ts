import type { SyncHooks } from './hooks.js'
import type { Logger } from './log.js'

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/**
 * Structured log lines for the sync server's events. No event carries a token, and no line
 * here logs a URL or headers. At debug level, every storage write logs the room's stored state
 * vector (`stored`), which the crash test uses to check what survived a SIGKILL.
 */
export function logHooks(log: Logger): SyncHooks {
  return {
    connectionOpened: (e) => log.debug({ roomId: e.roomId }, 'connection opened'),
    connectionRefused: (e) =>
      log.info({ roomId: e.roomId, refusal: e.refusal }, 'connection refused'),
    connectionClosed: (e) =>
      log.debug(
        { roomId: e.roomId, role: e.role, code: e.code, reason: e.reason },
        'connection closed',
      ),
    rejected: (e) =>
      log.info(
        { roomId: e.roomId, problem: e.problem, code: e.code, detail: e.detail },
        'message rejected, connection closed',
      ),
    backpressure: (e) =>
      log.warn({ roomId: e.roomId, buffered: e.buffered }, 'client too slow, disconnected (4503)'),
    timedOut: (e) => log.info({ roomId: e.roomId }, 'ping timeout, disconnected (4508)'),
    roomLoaded: (e) => {
      const fields = {
        roomId: e.roomId,
        ms: Math.round(e.ms * 10) / 10,
        storedUpdates: e.storedUpdates,
        bytes: e.bytes,
        ...(e.migration ? { migration: e.migration } : {}),
      }
      if (e.migration && 'refused' in e.migration)
        log.warn(fields, 'room loaded, not migrated: a newer version wrote it')
      else log.info(fields, 'room loaded')
    },
    roomUnloaded: (e) => log.info({ roomId: e.roomId }, 'room unloaded'),
    stored: (e) => {
      if (!log.isLevelEnabled('debug')) return
      log.debug(
        {
          roomId: e.roomId,
          seq: e.seq,
          updates: e.updates,
          bytes: e.bytes,
          ms: Math.round(e.ms * 100) / 100,
          ...(e.stateVector ? { stateVector: base64(e.stateVector) } : {}),
        },
        'stored',
      )
    },
    compacted: (e) =>
      log.debug(
        { roomId: e.roomId, ms: Math.round(e.ms * 10) / 10, bytes: e.bytes, reason: e.reason },
        'compacted',
      ),
    storageFailed: (e) => log.error({ err: e.err, roomId: e.roomId, op: e.op }, 'storage failed'),
  }
}
