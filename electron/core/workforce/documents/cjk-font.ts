import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK font the PDFs embed: Noto Sans SC (SIL Open Font License 1.1), shipped in the npm
 * package @expo-google-fonts/noto-sans-sc as plain TTF (pdfkit embeds and subsets TTF/OTF, not
 * WOFF2), so a ledger renders the same offline on any machine. Resolved through Node's module
 * resolution from this file, so it is found from the sources, from dist/, and inside a packaged
 * app (electron-builder.yml unpacks these two files from the asar archive, whose paths a worker
 * thread cannot always read).
 */
const require = createRequire(import.meta.url);

function resolveFont(weight: '400Regular' | '700Bold'): string {
  const path = require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
  const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

export const CJK_FONT = { regular: resolveFont('400Regular'), bold: resolveFont('700Bold') };
