import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DUST_PRESETS } from '../../../electron/core/alarms/rules/dust-presets.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCANNED = ['electron', 'renderer/src', 'renderer/index.html', 'scripts', 'bench', 'test', 'resources/demo-site', 'vitest.config.ts', 'renderer/vite.config.ts', 'README.md'];
const SELF = join(import.meta.dirname, 'citations.test.ts');
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|json|py|sh|css|html|md|yml|yaml)$/;

/**
 * What a comment or a user-visible string must not cite: internal notes that do not ship with the
 * product, and paths on someone's machine.
 */
const FORBIDDEN: readonly { what: string; pattern: RegExp }[] = [
  { what: 'internal field notes', pattern: new RegExp(['FIELD', 'NOTES'].join('[-_ ]?'), 'i') },
  { what: 'the internal style notes', pattern: new RegExp(['STYLE', 'md'].join('\\.')) },
  { what: 'an absolute path on a machine', pattern: new RegExp(['/work/', '/home/', '/root/', '/Users/', '[A-Z]:\\\\Users\\\\'].join('|')) },
];

function* files(path: string): Generator<string> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    if (TEXT.test(path)) yield path;
    return;
  }
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    yield* files(join(path, entry));
  }
}

/** Every line of the scanned tree that cites something it must not, as `file:line: what`. */
function offendingLines(): string[] {
  const out: string[] = [];
  for (const top of SCANNED) {
    for (const file of files(join(ROOT, top))) {
      if (file === SELF) continue; // it plants citations to prove the scan sees them
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const f of FORBIDDEN) if (f.pattern.test(line)) out.push(`${relative(ROOT, file)}:${i + 1}: cites ${f.what}`);
      });
    }
  }
  return out;
}

describe('comments and user-visible sources cite public documents', () => {
  it('no source, test, script or demo file names the internal notes or a machine path', () => {
    expect(offendingLines()).toEqual([]);
  });

  it('the scan finds a planted citation (so an empty result means something)', () => {
    for (const line of ['// see FIELD-NOTES "Live video"', ' * (STYLE.md "Video")', "source: 'from /work/shared/notes'"]) {
      expect(FORBIDDEN.some((f) => f.pattern.test(line)), line).toBe(true);
    }
  });

  it('every dust preset names its document, never the notes', () => {
    for (const preset of Object.values(DUST_PRESETS)) {
      for (const f of FORBIDDEN) expect(preset.source, `${preset.id}: ${f.what}`).not.toMatch(f.pattern);
      // A standard's number (GB 3095-2012, DB13/2934-2019) or the issuing body and date.
      expect(preset.source, preset.id).toMatch(/\b(GB|DB\d\d)[ /]?\d+(\.\d+)?-\d{4}\b|\b(19|20)\d\d\b/);
    }
  });
});
