/**
 * `npm start`: the demo (index.html → demo/) on http://localhost:5173, with a mock XOi Vision
 * (mock/xoi-mock.ts) and a mock XOi Cloud behind the server module's routes (demo/cloud-tier.ts)
 * answering on the same origin, so both tiers run with no XOi account and no network. The e2e tests start this same config through Vite's JS API.
 *
 * `npm run build` uses Vite's JS API with `configFile: false`, so nothing here affects the
 * published bundles.
 */
import { defineConfig, type Plugin } from 'vite';
import { xoiCloudTierPlugin } from './demo/cloud-tier.ts';
import { createXoiMock } from './mock/xoi-mock.ts';

/** Mounts the mock before Vite's own middlewares: it answers `/partners/…` and `/__xoi-mock/…`. */
export function xoiMockPlugin(mock = createXoiMock()): Plugin {
  return {
    name: 'xoi-mock',
    configureServer(server) {
      server.middlewares.use((req, res, next) => void mock.middleware(req, res, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => void mock.middleware(req, res, next));
    },
  };
}

export default defineConfig({
  // The Foundational tier's mock XOi Vision, and the XOi Cloud tier (demo/cloud-tier.ts): a mock
  // XOi Cloud, createXoiRoutes for <xoi-job-link> and createXoiNotifications on /xoi/notifications.
  plugins: [xoiMockPlugin(), xoiCloudTierPlugin()],
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
