import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * JSON logs on stdout. Tokens never reach a log line: the sync URL carries one in its query, so
 * no code path logs a raw URL or an Authorization header; `redact` is the second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'token',
        '*.token',
        'url',
        '*.url',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  })
}
