// Writes a gzip and a Brotli copy next to each text asset of a built renderer folder, so the core
// serves the console and the workers' phone page compressed without compressing per request
// (electron/core/api/static-files.ts picks the copy by Accept-Encoding). Source maps are skipped:
// only developers fetch them.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.css', '.json', '.svg', '.wasm']);
/** Below this a compressed copy saves less than the header costs. */
const MIN_BYTES = 1024;

export function precompress(dir) {
  let files = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      files += precompress(path);
      continue;
    }
    if (!TEXT.has(extname(name))) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    // Quality 9, not 11: nearly the same size at a fraction of the build time on two cores.
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    files++;
  }
  return files;
}
