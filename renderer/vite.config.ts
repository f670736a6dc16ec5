import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Cesium's prebuilt static files: web workers, imagery/textures, WASM decoders, widget CSS. */
const CESIUM_BUILD = join(dirname(createRequire(import.meta.url).resolve('cesium/package.json')), 'Build', 'Cesium');
const CESIUM_STATIC_DIRS = ['Workers', 'Assets', 'ThirdParty', 'Widgets'] as const;

/**
 * Puts Cesium's static files at `cesium/` beside index.html (the GIS view sets CESIUM_BASE_URL to
 * that, relative to the page, so it works from the core's HTTP server and from file://). In dev the
 * same paths are served straight from node_modules. Everything is local: the GIS view never
 * fetches from Cesium ion or any internet tile service.
 */
function cesiumStatic(): Plugin {
  let outDir = '';
  return {
    name: 'site-command:cesium-static',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/cesium/', (req, res, next) => {
        const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
        const file = join(CESIUM_BUILD, path);
        if (!file.startsWith(CESIUM_BUILD + sep) || !existsSync(file) || statSync(file).isDirectory()) return next();
        const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.xml': 'text/xml' };
        res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      for (const dir of CESIUM_STATIC_DIRS) cpSync(join(CESIUM_BUILD, dir), join(outDir, 'cesium', dir), { recursive: true });
    },
  };
}

/**
 * The renderer is one static bundle used by both shells: the Electron window loads it from disk
 * (relative `base`), the web console gets it from the core's HTTP server.
 *
 * `SITE_COMMAND_TEST_HOOKS=1` (set by `scripts/build.mjs --test-hooks` for the e2e tests and the
 * benchmarks) makes a test build: hooks such as `window.__site3d` are compiled in. Without it the
 * flag is the literal `false` and the bundler leaves the hooks out (renderer/src/app/test-hooks.ts).
 */
const testHooks = process.env.SITE_COMMAND_TEST_HOOKS === '1';

export default defineConfig({
  root,
  base: './',
  plugins: [cesiumStatic()],
  define: { __SITE_COMMAND_TEST_HOOKS__: JSON.stringify(testHooks) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Cesium is one lazily loaded chunk of ~4 MB (only the GIS view imports it).
    chunkSizeWarningLimit: 5000,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8420', ws: true } },
  },
});
