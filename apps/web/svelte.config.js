import adapter from '@sveltejs/adapter-node'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // precompress: the server's static handler sends .gz/.br files, which is what the
    // first-load budget counts.
    adapter: adapter({ precompress: true }),
  },
}

export default config
