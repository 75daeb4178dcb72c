/**
 * `npm start`: the demo (index.html → demo/) on http://localhost:5173, with a mock XOi Vision
 * (mock/xoi-mock.js) answering on the same origin, so the whole hand-off runs with no XOi
 * account and no network. The e2e tests start this same config through Vite's JS API.
 *
 * `npm run build` uses Vite's JS API with `configFile: false`, so nothing here affects the
 * published bundles.
 */
import { defineConfig, type Plugin } from 'vite';
import { createXoiMock } from './mock/xoi-mock.js';

/** Mounts the mock before Vite's own middlewares: it answers `/partners/…` and `/__xoi-mock/…`. */
export function xoiMockPlugin(mock = createXoiMock()): Plugin {
  return {
    name: 'xoi-mock',
    configureServer(server) {
      server.middlewares.use(mock.middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(mock.middleware);
    },
  };
}

export default defineConfig({
  plugins: [xoiMockPlugin()],
  server: {
    // localhost: the element allows http: only on loopback, and the demo's base-url is location.origin.
    host: 'localhost',
    port: 5173,
    strictPort: false,
  },
  // Pre-bundled at start-up, so a first visit never triggers a mid-session "optimized deps, reloading".
  optimizeDeps: {
    include: ['lit', 'nanoid'],
  },
  preview: {
    host: 'localhost',
    port: 4173,
  },
});
