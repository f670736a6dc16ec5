import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The workers' phone page (`worker.html`): a second, separate build into the same `dist`, so a
 * phone on the site Wi-Fi downloads only this small page (React and a few screens), never the
 * console's bundle (Cesium, three.js), and the console's bundle is exactly what it was.
 */
export default defineConfig({
  root,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: { input: { worker: fileURLToPath(new URL('worker.html', import.meta.url)) }, output: { entryFileNames: 'assets/worker-[hash].js', chunkFileNames: 'assets/worker-[hash].js', assetFileNames: 'assets/worker-[hash][extname]' } },
  },
});
