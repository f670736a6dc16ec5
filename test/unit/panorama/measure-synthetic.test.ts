import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { measure } from '../../../electron/common/panorama/measure.js';
import { referenceScene, syntheticPanorama, type SyntheticScene } from '../../helpers/synthetic-panorama.js';
import { findMark, findPole, trueDirection, type RawImage } from './detect.js';

/**
 * The acceptance test of panorama measurement: render a known scene, find its marks in the
 * decoded pixels, measure, and compare with the scene's truth (distances within 1 % up to 10 m,
 * heights within 2 %). Errors are printed so the report can quote them.
 */
const WIDTH = 4096;

async function decode(bytes: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

for (const [label, format, heading] of [
  ['PNG, heading 0°', 'png', 0],
  ['JPEG q90, heading 37°', 'jpeg', 37],
] as const) {
  describe(`measurement on a synthetic ${WIDTH}×${WIDTH / 2} panorama (${label})`, () => {
    const scene: SyntheticScene = referenceScene(heading);
    let img: RawImage;
    const ctx = () => ({ cameraHeightM: scene.cameraHeightM, imageWidthPx: WIDTH, pixelErrorPx: 1, headingDeg: heading });
    beforeAll(async () => {
      img = await decode(await syntheticPanorama(scene, WIDTH, { format, quality: 90 }));
    }, 60_000);

    it('recovers the camera-to-mark range of every mark within 1 % (up to 10 m)', () => {
      const errors: string[] = [];
      for (const mark of scene.marks) {
        const truth = Math.hypot(mark.e, mark.n);
        const got = measure('range', [findMark(img, scene, mark)], ctx());
        const rel = Math.abs(got.value - truth) / truth;
        errors.push(`${truth.toFixed(2)} m → ${got.value.toFixed(3)} ± ${got.uncertainty.toFixed(3)} m (${(rel * 100).toFixed(2)} %)`);
        expect(truth).toBeLessThanOrEqual(10);
        expect(rel).toBeLessThan(0.01);
        // The 1-px uncertainty model should cover the error actually made.
        expect(Math.abs(got.value - truth)).toBeLessThan(3 * got.uncertainty + 0.005);
      }
      console.log(`[panorama] ranges (${label}):\n  ${errors.join('\n  ')}`);
    });

    it('recovers mark-to-mark distances within 1 % for every pair up to 10 m apart', () => {
      const found = scene.marks.map((m) => findMark(img, scene, m));
      const lines: string[] = [];
      let worst = 0;
      for (let i = 0; i < scene.marks.length; i++) {
        for (let j = i + 1; j < scene.marks.length; j++) {
          const a = scene.marks[i]!;
          const b = scene.marks[j]!;
          const truth = Math.hypot(a.e - b.e, a.n - b.n);
          if (truth > 10) continue;
          const got = measure('distance', [found[i]!, found[j]!], ctx());
          const rel = Math.abs(got.value - truth) / truth;
          worst = Math.max(worst, rel);
          lines.push(`${truth.toFixed(2)} m → ${got.value.toFixed(3)} ± ${got.uncertainty.toFixed(3)} m (${(rel * 100).toFixed(2)} %)`);
          expect(rel).toBeLessThan(0.01);
        }
      }
      expect(lines.length).toBeGreaterThanOrEqual(5);
      console.log(`[panorama] distances (${label}), worst ${(worst * 100).toFixed(2)} %:\n  ${lines.join('\n  ')}`);
    });

    it('recovers pole heights within 2 %', () => {
      const lines: string[] = [];
      for (const pole of scene.poles) {
        const { base, top } = findPole(img, scene, pole);
        const got = measure('height', [base, top], ctx());
        const rel = Math.abs(got.value - pole.heightM) / pole.heightM;
        lines.push(`${pole.heightM} m at ${Math.hypot(pole.e, pole.n).toFixed(1)} m → ${got.value.toFixed(3)} ± ${got.uncertainty.toFixed(3)} m (${(rel * 100).toFixed(2)} %)`);
        expect(rel).toBeLessThan(0.02);
      }
      console.log(`[panorama] heights (${label}):\n  ${lines.join('\n  ')}`);
    });

    it('recovers the area of a floor polygon through four marks within 2 %', () => {
      const ring = [0, 1, 3, 5].map((i) => scene.marks[i]!);
      let twice = 0;
      ring.forEach((p, i) => {
        const q = ring[(i + 1) % ring.length]!;
        twice += p.e * q.n - q.e * p.n;
      });
      const truth = Math.abs(twice) / 2;
      const got = measure('area', ring.map((m) => findMark(img, scene, m)), ctx());
      console.log(`[panorama] area (${label}): ${truth.toFixed(2)} m² → ${got.value.toFixed(2)} ± ${got.uncertainty.toFixed(2)} m²`);
      expect(Math.abs(got.value - truth) / truth).toBeLessThan(0.02);
    });

    it('finds each mark within half a pixel of where the scene puts it', () => {
      for (const mark of scene.marks) {
        const got = findMark(img, scene, mark);
        const truth = trueDirection(scene, mark.e, mark.n);
        expect(Math.abs(got.pitchDeg - truth.pitchDeg) / (360 / WIDTH)).toBeLessThan(0.5);
      }
    });
  });
}
