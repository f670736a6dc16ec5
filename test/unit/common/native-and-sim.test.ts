import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSiteTime, parseTimestamp } from '../../../electron/common/time.js';
import { checkReading } from '../../../electron/core/devices/reading-schemas.js';
import { craneStateAt, ratedLoadAt, type CraneModelParams } from '../../../electron/core/sim/crane-model.js';
import { FfmpegNotFoundError, findOnPath, locateFfmpeg } from '../../../native/ffmpeg.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);

describe('ffmpeg locator', () => {
  function fakeBinary(): string {
    const dir = tempDir();
    const file = join(dir, 'ffmpeg');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  }

  it('prefers FFMPEG_PATH, then ffmpeg-static, then PATH', () => {
    const explicit = fakeBinary();
    const bundled = fakeBinary();
    const onPath = fakeBinary();
    const pathVar = join(onPath, '..');
    expect(locateFfmpeg({ FFMPEG_PATH: explicit, PATH: pathVar }, () => bundled)).toEqual({ path: explicit, source: 'FFMPEG_PATH' });
    expect(locateFfmpeg({ PATH: pathVar }, () => bundled)).toEqual({ path: bundled, source: 'ffmpeg-static' });
    expect(locateFfmpeg({ PATH: pathVar }, () => null)).toEqual({ path: onPath, source: 'PATH' });
  });

  it('says what to install when there is none, and rejects a bad FFMPEG_PATH', () => {
    expect(() => locateFfmpeg({ PATH: tempDir() }, () => null)).toThrow(FfmpegNotFoundError);
    expect(() => locateFfmpeg({ PATH: tempDir() }, () => null)).toThrow(/apt-get install ffmpeg/);
    expect(() => locateFfmpeg({ FFMPEG_PATH: '/nonexistent/ffmpeg' }, () => null)).toThrow(/FFMPEG_PATH is set to \/nonexistent\/ffmpeg/);
    expect(findOnPath('ffmpeg', '')).toBeNull();
  });
});

describe('site time', () => {
  it('shows UTC instants in the site time zone', () => {
    const t = Date.parse('2026-11-24T22:30:00Z');
    expect(formatSiteTime(t, 'Asia/Shanghai', 'en-GB')).toBe('06:30:00');
    expect(formatSiteTime(t, 'UTC', 'en-GB')).toBe('22:30:00');
  });
  it('parses ISO text and epoch ms only', () => {
    expect(parseTimestamp('2026-11-24T00:00:00+08:00')).toBe(Date.parse('2026-11-23T16:00:00Z'));
    expect(parseTimestamp(1700000000000)).toBe(1700000000000);
    expect(parseTimestamp('soon')).toBeNull();
    expect(parseTimestamp(Number.NaN)).toBeNull();
    expect(parseTimestamp(true)).toBeNull();
  });
});

describe('demo crane model', () => {
  const params: CraneModelParams = {
    pickSlewDeg: 200, dropSlewDeg: 80, pickRadiusM: 20, dropRadiusM: 45, loadsT: [2, 5], ratedMomentTm: 300, maxLoadT: 8, towerHeightM: 60, phaseS: 0,
  };
  it('follows the load chart: rated load is capped by the moment', () => {
    expect(ratedLoadAt(params, 20)).toBe(8);
    expect(ratedLoadAt(params, 50)).toBe(6);
  });
  it('produces readings the ingest validation accepts, over a whole cycle', () => {
    const slews = new Set<number>();
    for (let t = 0; t < 400; t += 3) {
      const state = craneStateAt(params, t, 6, 0.2);
      expect(checkReading('crane', state)).toMatchObject({ ok: true });
      slews.add(state.slewDeg);
      expect(state.momentPct).toBeCloseTo(((state.loadT * state.radiusM) / 300) * 100, 0);
    }
    expect(slews.size).toBeGreaterThan(20);
  });
});
