import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from '../../helpers/browser.js'
import { ServerProcess } from '../../helpers/server.js'

/** What an end-to-end file runs against: the built server in its own process, and Chromium. */
export interface Stage {
  readonly server: ServerProcess
  /** Chromium, launched in beforeAll: read it inside tests and hooks, not at module level. */
  readonly browser: Browser
}

/**
 * Registers the file's beforeAll and afterAll: one real server (port 0, its own data directory)
 * and one Chromium for all the file's tests, each of which opens its own browser contexts.
 */
export function useStage(): Stage {
  const server = new ServerProcess()
  let browser: Browser | undefined
  beforeAll(async () => {
    await server.start()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server.dispose()
  })
  return {
    server,
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is not running: use stage.browser inside a test')
      return browser
    },
  }
}
