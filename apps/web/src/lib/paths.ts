/** Where the app serves the canvas settings (`routes/canvas-config.json/+server.ts`). */
export const CANVAS_CONFIG_PATH = '/canvas-config.json'
