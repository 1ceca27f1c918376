import { sveltekit } from '@sveltejs/kit/vite'
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite'

// Workspace packages export their TypeScript source under this condition, so the app builds
// from source without building the packages first.
const source = '@kickoff/source'
const server = process.env.KICKOFF_DEV_SERVER ?? 'http://localhost:8080'

export default defineConfig({
  plugins: [sveltekit()],
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  // @tldraw/assets/imports.vite imports every font, icon and translation as a URL; the dep
  // optimizer would bundle those imports away in `pnpm dev` and the canvas would have no icons.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    // `pnpm dev`: the Vite dev server proxies the API and sync endpoint to a running server.
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
})
