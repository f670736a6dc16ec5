import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../electron/common/panorama/csv.js';
import { directionToPixel, pixelToDirection, wrapDeg } from '../../../electron/common/panorama/equirect.js';
import { measure, MeasurementError } from '../../../electron/common/panorama/measure.js';
import { tileBounds, tileLevels } from '../../../electron/common/panorama/tiles.js';
import { projectToScreen, screenToDirection } from '../../../electron/common/panorama/view-math.js';
import { choosePoint } from '../../../electron/core/panoramas/assign-point.js';
import { parseExifTime } from '../../../electron/core/panoramas/capture-metadata.js';
import { checkFileName, pointIdFromName, storeSafeName } from '../../../electron/core/panoramas/file-name.js';
import { ProcessingQueue } from '../../../electron/core/panoramas/processing-queue.js';

describe('equirect and view maths', () => {
  it('maps pixels to angles and back', () => {
    expect(pixelToDirection(2048, 1024, 4096, 2048)).toEqual({ yawDeg: 0, pitchDeg: 0 });
    expect(pixelToDirection(0, 0, 4096, 2048)).toEqual({ yawDeg: -180, pitchDeg: 90 });
    const p = directionToPixel({ yawDeg: 123.4, pitchDeg: -21 }, 8192, 4096);
    const d = pixelToDirection(p.x, p.y, 8192, 4096);
    expect(d.yawDeg).toBeCloseTo(123.4, 9);
    expect(d.pitchDeg).toBeCloseTo(-21, 9);
    expect(wrapDeg(190)).toBe(-170);
    expect(wrapDeg(-180)).toBe(-180);
  });

  it('projects to the screen and back (the viewer, clicks and the e2e test share this)', () => {
    const view = { bearingDeg: 300, pitchDeg: -25, fovDeg: 75 };
    const centre = projectToScreen(300, -25, view, 1200, 800)!;
    expect(centre.x).toBeCloseTo(600, 6);
    expect(centre.y).toBeCloseTo(400, 6);
    for (const [b, p] of [[310, -40], [280, 0], [330, -10]] as const) {
      const s = projectToScreen(b, p, view, 1200, 800)!;
      const back = screenToDirection(s.x, s.y, view, 1200, 800);
      expect(back.bearingDeg).toBeCloseTo(b, 6);
      expect(back.pitchDeg).toBeCloseTo(p, 6);
    }
    expect(projectToScreen(120, 25, view, 1200, 800)).toBeNull();
    // Looking east, a point to the north-east is left of centre and one below the view centre is lower.
    const east = { bearingDeg: 90, pitchDeg: 0, fovDeg: 90 };
    expect(projectToScreen(45, 0, east, 1000, 1000)!.x).toBeCloseTo(0, 6);
    expect(projectToScreen(90, -10, east, 1000, 1000)!.y).toBeGreaterThan(500);
  });
});

describe('measurement maths', () => {
  const ctx = { cameraHeightM: 1.6, imageWidthPx: 4096 };
  it('gives the range, distance, height and area of exact directions', () => {
    const at = (e: number, n: number) => ({ yawDeg: (Math.atan2(e, n) * 180) / Math.PI, pitchDeg: (-Math.atan2(1.6, Math.hypot(e, n)) * 180) / Math.PI });
    expect(measure('range', [at(3, 4)], ctx).value).toBeCloseTo(5, 9);
    expect(measure('distance', [at(3, 4), at(-3, 4)], ctx).value).toBeCloseTo(6, 9);
    expect(measure('area', [at(1, 1), at(3, 1), at(3, 4), at(1, 4)], ctx).value).toBeCloseTo(6, 9);
    const base = at(0, 5);
    const top = { yawDeg: 0, pitchDeg: (Math.atan2(3 - 1.6, 5) * 180) / Math.PI };
    const h = measure('height', [base, top], ctx);
    expect(h.value).toBeCloseTo(3, 9);
    expect(h.unit).toBe('m');
  });

  it('grows the uncertainty with range and pixel error, and refuses points above the floor', () => {
    const near = measure('range', [{ yawDeg: 0, pitchDeg: -30 }], ctx);
    const far = measure('range', [{ yawDeg: 0, pitchDeg: -10 }], ctx);
    expect(far.uncertainty / far.value).toBeGreaterThan(near.uncertainty / near.value);
    const sloppy = measure('range', [{ yawDeg: 0, pitchDeg: -10 }], { ...ctx, pixelErrorPx: 3 });
    expect(sloppy.uncertainty).toBeCloseTo(3 * far.uncertainty, 2);
    // d = h / tan(p): δd = h / sin²(p) · δp, δp = 360/4096 degrees.
    const expected = (1.6 / Math.sin((10 * Math.PI) / 180) ** 2) * ((360 / 4096) * Math.PI) / 180;
    expect(far.uncertainty).toBeCloseTo(expected, 3);
    expect(() => measure('range', [{ yawDeg: 0, pitchDeg: 5 }], ctx)).toThrow(MeasurementError);
    expect(() => measure('distance', [{ yawDeg: 0, pitchDeg: -5 }], ctx)).toThrow(/needs 2 points/);
  });
});

describe('tiles', () => {
  it('matches the libvips Deep Zoom pyramid (onetile)', () => {
    expect(tileLevels(8192, 4096).map((l) => [l.width, l.cols, l.rows])).toEqual([[512, 1, 1], [1024, 2, 1], [2048, 4, 2], [4096, 8, 4], [8192, 16, 8]]);
    expect(tileLevels(5376, 2688).map((l) => l.width)).toEqual([336, 672, 1344, 2688, 5376]);
    const b = tileBounds(tileLevels(2048, 1024)[2]!, 3, 1);
    expect(b).toEqual({ yaw0: 90, yaw1: 180, pitchTop: 0, pitchBottom: -90 });
  });
});

describe('ingest helpers', () => {
  it('refuses path-like upload names and keeps point ids from file names', () => {
    expect(checkFileName('P1_2026-09-01.jpg')).toEqual({ ok: true, name: 'P1_2026-09-01.jpg' });
    for (const bad of ['../../etc/passwd.jpg', '..\\x.jpg', '/abs.jpg', 'C:evil.jpg', 'a/b.png', 'x\u0000.jpg']) {
      expect(checkFileName(bad)).toMatchObject({ ok: false, reason: 'bad-name' });
    }
    expect(checkFileName('notes.txt')).toMatchObject({ ok: false, reason: 'unsupported-format' });
    expect(pointIdFromName('P-2_x.jpg')).toBe('P-2');
    expect(pointIdFromName('pano.jpg')).toBeNull();
    expect(storeSafeName('../全景 1.jpg')).not.toMatch(/\.\.|\//);
  });

  it('reads EXIF times with the camera offset, else in the site time zone', () => {
    expect(parseExifTime('2026:09:01 10:11:12', '+08:00', 'UTC')).toBe(Date.UTC(2026, 8, 1, 2, 11, 12));
    expect(parseExifTime('2026:09:01 10:11:12', null, 'Asia/Shanghai')).toBe(Date.UTC(2026, 8, 1, 2, 11, 12));
    expect(parseExifTime('0000:00:00 00:00:00', null, 'UTC')).toBeNull();
  });

  it('assigns a point by sender, file name, then GPS within the match distance', () => {
    const points = [
      { id: 'P1', name: 'a', position: { e: 0, n: 0, u: 0 }, cameraHeightM: 1.6, neighbours: [], latDeg: 30.5928, lonDeg: 114.3055 },
      { id: 'P2', name: 'b', position: { e: 40, n: 0, u: 0 }, cameraHeightM: 1.6, neighbours: [] },
    ];
    const origin = { latDeg: 30.5928, lonDeg: 114.3055, heightM: 0 };
    const opts = { gpsMatchM: 15, origin };
    expect(choosePoint(points, { explicit: 'P2', fileName: 'P1_x.jpg', gps: null }, opts)).toEqual({ pointId: 'P2', assignedBy: 'upload' });
    expect(choosePoint(points, { fileName: 'P1_x.jpg', gps: null }, opts)).toEqual({ pointId: 'P1', assignedBy: 'filename' });
    // 40 m east of the origin is P2 (placed by its ENU position and the site origin).
    const east40 = { latDeg: 30.5928, lonDeg: 114.3055 + 40 / (111_320 * Math.cos((30.5928 * Math.PI) / 180)) };
    expect(choosePoint(points, { fileName: 'x.jpg', gps: east40 }, opts)).toEqual({ pointId: 'P2', assignedBy: 'gps' });
    expect(choosePoint(points, { fileName: 'x.jpg', gps: { latDeg: 30.6, lonDeg: 114.3055 } }, opts)).toEqual({ pointId: null, assignedBy: 'none' });
  });

  it('works a bounded queue one item at a time and refuses when full', async () => {
    let running = 0;
    let most = 0;
    const seen: string[] = [];
    const q = new ProcessingQueue<string, string>(2, async (item, pos) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      seen.push(`${pos.index}/${pos.total}`);
      return item;
    });
    const a = q.push('a');
    const b = q.push('b');
    const c = q.push('c');
    const d = q.push('d');
    expect(d).toBeNull();
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    // The first started before the others arrived: "1/1", then the batch grew to 3.
    expect(seen).toEqual(['1/1', '2/3', '3/3']);
  });

  it('writes CSV that spreadsheets open safely', () => {
    const csv = toCsv(['a', 'b'], [['x,y', '=cmd()'], [1.5, 'say "hi"']]);
    expect(csv).toBe('\uFEFFa,b\r\n"x,y",\'=cmd()\r\n1.5,"say ""hi"""\r\n');
  });
});
