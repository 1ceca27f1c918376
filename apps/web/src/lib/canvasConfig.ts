import { z } from 'zod'

/**
 * What the canvas needs from the server's environment. The tldraw licence key is meant to be
 * public (tldraw checks it in the browser, against the page's host); nothing else is exposed.
 */
export const CanvasConfigSchema = z.object({
  tldrawLicenseKey: z.string().max(8192).nullable(),
})
export type CanvasConfig = z.infer<typeof CanvasConfigSchema>
