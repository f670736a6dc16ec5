import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSiteDir } from '../../../electron/core/app-paths.js';
import { formatConfigProblems, loadSiteDirectory, loadSiteFile } from '../../../electron/core/config/load-site.js';

function siteFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-site-'));
  const file = join(dir, 'site.json');
  writeFileSync(file, content);
  return file;
}

describe('site file loading', () => {
  it('loads the demo site with its cranes, hoist, dust monitors and gate', () => {
    const loaded = loadSiteDirectory(demoSiteDir());
    expect(loaded.problems).toEqual([]);
    const kinds = loaded.site.devices.map((d) => d.kind).sort();
    expect(kinds).toEqual(['crane', 'crane', 'dust', 'dust', 'gate', 'hoist']);
    expect(loaded.site.timeZone).toBe('Asia/Shanghai');
  });

  it('names the file, the field and what was expected for a wrong type', () => {
    const file = siteFile(JSON.stringify({ id: 'x', name: 'X', devices: [{ id: 'c1', kind: 'crane', name: 'C', expectedIntervalS: 'fast' }] }));
    const loaded = loadSiteFile(file);
    expect(loaded.site.id).toBe('unconfigured');
    expect(loaded.problems).toHaveLength(1);
    const [problem] = loaded.problems;
    expect(problem?.file).toBe(file);
    expect(problem?.field).toBe('devices.0.expectedIntervalS');
    expect(problem?.message).toMatch(/expected number/);
    expect(formatConfigProblems(loaded.problems)).toContain(`${file}: devices.0.expectedIntervalS:`);
  });

  it('reports an unknown device kind with the allowed kinds', () => {
    const loaded = loadSiteFile(siteFile(JSON.stringify({ id: 'x', name: 'X', devices: [{ id: 'c1', kind: 'excavator', name: 'E' }] })));
    expect(loaded.problems[0]?.field).toBe('devices.0.kind');
    expect(loaded.problems[0]?.message).toMatch(/crane/);
  });

  it('reports broken JSON, a missing file, duplicate ids and a bad time zone', () => {
    expect(loadSiteFile(siteFile('{ "id": "x", ')).problems[0]?.field).toBe('(syntax)');
    expect(loadSiteFile('/nonexistent/site.json').problems[0]?.message).toMatch(/file not found/);
    const dup = loadSiteFile(
      siteFile(JSON.stringify({ id: 'x', name: 'X', devices: [{ id: 'a', kind: 'dust', name: 'A' }, { id: 'a', kind: 'dust', name: 'B' }] })),
    );
    expect(dup.problems[0]).toMatchObject({ field: 'devices.1.id', message: 'duplicate device id "a"' });
    const tz = loadSiteFile(siteFile(JSON.stringify({ id: 'x', name: 'X', timeZone: 'Mars/Olympus' })));
    expect(tz.problems[0]?.field).toBe('timeZone');
  });

  it('refuses fields it does not know, so a typo is not silently ignored', () => {
    const loaded = loadSiteFile(siteFile(JSON.stringify({ id: 'x', name: 'X', timezone: 'Asia/Shanghai' })));
    expect(loaded.problems[0]?.message).toMatch(/timezone/);
  });
});
