/**
 * Synthetic equirectangular panoramas of a known scene, rendered analytically: for each output
 * pixel (2×2 sub-samples) the ray for its yaw/pitch is cast from a camera `cameraHeightM` above a
 * flat floor. The floor has a 1 m grid and coloured disc marks at known positions; vertical
 * cylinders (poles) of known height stand on it. Tests find the marks in the image and must
 * recover the known distances with the measurement code.
 */
import sharp from 'sharp';

export type Rgb = readonly [number, number, number];

/** A disc painted on the floor, centre metres east/north of the camera's foot. */
export interface FloorMark {
  e: number;
  n: number;
  radiusM: number;
  color: Rgb;
}

/** A vertical cylinder standing on the floor. */
export interface Pole {
  e: number;
  n: number;
  radiusM: number;
  heightM: number;
  color: Rgb;
}

export interface SyntheticScene {
  cameraHeightM: number;
  /** Bearing of the image centre (what GPano PoseHeadingDegrees records). */
  headingDeg: number;
  marks: FloorMark[];
  poles: Pole[];
  gridM?: number;
}

export const FLOOR: Rgb = [150, 150, 150];
export const GRID: Rgb = [95, 95, 95];
const SKY_TOP: Rgb = [90, 140, 210];
const SKY_HORIZON: Rgb = [200, 215, 230];

const DEG = Math.PI / 180;

/** Raw RGB bytes of the scene, width × height (2:1). */
export function renderScene(scene: SyntheticScene, width: number, height: number, samples = 2): Buffer {
  const out = Buffer.alloc(width * height * 3);
  const h = scene.cameraHeightM;
  const grid = scene.gridM ?? 1;
  const acc = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let sy = 0; sy < samples; sy++) {
        const pitch = (90 - ((y + (sy + 0.5) / samples) / height) * 180) * DEG;
        const cp = Math.cos(pitch);
        const du = Math.sin(pitch);
        for (let sx = 0; sx < samples; sx++) {
          const bearing = (scene.headingDeg + ((x + (sx + 0.5) / samples) / width) * 360 - 180) * DEG;
          const de = cp * Math.sin(bearing);
          const dn = cp * Math.cos(bearing);
          const c = shade(scene, h, grid, de, dn, du, pitch);
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
        }
      }
      const i = (y * width + x) * 3;
      const n = samples * samples;
      out[i] = Math.round(acc[0]! / n);
      out[i + 1] = Math.round(acc[1]! / n);
      out[i + 2] = Math.round(acc[2]! / n);
    }
  }
  return out;
}

function shade(scene: SyntheticScene, h: number, grid: number, de: number, dn: number, du: number, pitch: number): Rgb {
  let nearest = Infinity;
  let color: Rgb | null = null;
  // Poles: ray (0,0,h) + t·d against the infinite vertical cylinder, then the height range.
  const hh = de * de + dn * dn;
  if (hh > 1e-12) {
    for (const pole of scene.poles) {
      const b = -(de * pole.e + dn * pole.n);
      const c = pole.e * pole.e + pole.n * pole.n - pole.radiusM * pole.radiusM;
      const disc = b * b - hh * c;
      if (disc < 0) continue;
      const t = (-b - Math.sqrt(disc)) / hh;
      if (t <= 0 || t >= nearest) continue;
      const z = h + t * du;
      if (z < 0 || z > pole.heightM) continue;
      nearest = t;
      color = pole.color;
    }
  }
  if (du < 0) {
    const t = h / -du;
    if (t < nearest) {
      const e = t * de;
      const n = t * dn;
      for (const mark of scene.marks) {
        if ((e - mark.e) ** 2 + (n - mark.n) ** 2 <= mark.radiusM ** 2) return mark.color;
      }
      const fe = Math.abs(e / grid - Math.round(e / grid));
      const fn = Math.abs(n / grid - Math.round(n / grid));
      return fe * grid < 0.015 || fn * grid < 0.015 ? GRID : FLOOR;
    }
  }
  if (color) return color;
  const k = Math.min(1, Math.max(0, pitch / (Math.PI / 2)));
  return [SKY_HORIZON[0] + (SKY_TOP[0] - SKY_HORIZON[0]) * k, SKY_HORIZON[1] + (SKY_TOP[1] - SKY_HORIZON[1]) * k, SKY_HORIZON[2] + (SKY_TOP[2] - SKY_HORIZON[2]) * k];
}

/** XMP packet with the GPano fields a 360° camera writes. */
export function gpanoXmp(o: { headingDeg: number; width: number; height: number; pitchDeg?: number; rollDeg?: number }): string {
  return (
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/">` +
    `<GPano:ProjectionType>equirectangular</GPano:ProjectionType><GPano:UsePanoramaViewer>True</GPano:UsePanoramaViewer>` +
    `<GPano:PoseHeadingDegrees>${o.headingDeg}</GPano:PoseHeadingDegrees><GPano:PosePitchDegrees>${o.pitchDeg ?? 0}</GPano:PosePitchDegrees>` +
    `<GPano:PoseRollDegrees>${o.rollDeg ?? 0}</GPano:PoseRollDegrees>` +
    `<GPano:FullPanoWidthPixels>${o.width}</GPano:FullPanoWidthPixels><GPano:FullPanoHeightPixels>${o.height}</GPano:FullPanoHeightPixels>` +
    `<GPano:CroppedAreaImageWidthPixels>${o.width}</GPano:CroppedAreaImageWidthPixels><GPano:CroppedAreaImageHeightPixels>${o.height}</GPano:CroppedAreaImageHeightPixels>` +
    `<GPano:CroppedAreaLeftPixels>0</GPano:CroppedAreaLeftPixels><GPano:CroppedAreaTopPixels>0</GPano:CroppedAreaTopPixels>` +
    `</rdf:Description></rdf:RDF></x:xmpmeta>`
  );
}

export interface EncodeOptions {
  format: 'jpeg' | 'png';
  quality?: number;
  /** Writes GPano XMP with the scene's heading. */
  xmp?: boolean;
  /** EXIF `YYYY:MM:DD HH:MM:SS` and offset (`+08:00`). */
  takenAt?: { local: string; offset: string };
  gps?: { latDeg: number; lonDeg: number };
  make?: string;
  model?: string;
}

/** Renders and encodes a scene with sharp, optionally with GPano XMP and EXIF. */
export async function syntheticPanorama(scene: SyntheticScene, width: number, options: EncodeOptions = { format: 'jpeg' }): Promise<Buffer> {
  const height = width / 2;
  let image = sharp(renderScene(scene, width, height), { raw: { width, height, channels: 3 } });
  image = options.format === 'png' ? image.png({ compressionLevel: 6 }) : image.jpeg({ quality: options.quality ?? 90 });
  if (options.xmp) image = image.withXmp(gpanoXmp({ headingDeg: scene.headingDeg, width, height }));
  if (options.takenAt || options.gps || options.make) {
    const dms = (v: number) => {
      const a = Math.abs(v);
      const d = Math.floor(a);
      const m = Math.floor((a - d) * 60);
      const s = ((a - d) * 60 - m) * 60;
      return `${d}/1 ${m}/1 ${Math.round(s * 10000)}/10000`;
    };
    image = image.withExif({
      IFD0: { ...(options.make ? { Make: options.make } : {}), ...(options.model ? { Model: options.model } : {}) },
      ...(options.takenAt ? { IFD2: { DateTimeOriginal: options.takenAt.local, OffsetTimeOriginal: options.takenAt.offset } } : {}),
      ...(options.gps
        ? { IFD3: { GPSLatitudeRef: options.gps.latDeg >= 0 ? 'N' : 'S', GPSLatitude: dms(options.gps.latDeg), GPSLongitudeRef: options.gps.lonDeg >= 0 ? 'E' : 'W', GPSLongitude: dms(options.gps.lonDeg) } }
        : {}),
    });
  }
  return image.toBuffer();
}

/** A plain image of any size (wrong-aspect tests), cheap. */
export function flatImage(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 120, g: 130, b: 140 } } });
  return (format === 'png' ? img.png() : img.jpeg()).toBuffer();
}

/** The standard measurement scene: marks at known spots up to 10 m, two poles of known height. */
export function referenceScene(headingDeg = 0): SyntheticScene {
  return {
    cameraHeightM: 1.6,
    headingDeg,
    marks: [
      { e: 0.5, n: 2.5, radiusM: 0.08, color: [230, 30, 30] },
      { e: 3.5, n: 4.5, radiusM: 0.1, color: [30, 200, 30] },
      { e: -5.5, n: 5.5, radiusM: 0.12, color: [30, 60, 230] },
      { e: 5.5, n: -7.5, radiusM: 0.15, color: [230, 30, 230] },
      { e: -7.5, n: -5.5, radiusM: 0.15, color: [30, 210, 210] },
      { e: 0.5, n: -9.5, radiusM: 0.15, color: [240, 220, 20] },
    ],
    poles: [
      { e: 5, n: 1, radiusM: 0.1, heightM: 3, color: [255, 140, 0] },
      { e: -3, n: -6, radiusM: 0.12, heightM: 4.5, color: [120, 40, 160] },
    ],
  };
}
