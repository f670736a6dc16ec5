import { AmbientLight, Color, DirectionalLight, HemisphereLight, Vector3, type Light } from 'three';

/**
 * The scene's fixed lights, and the same lighting computed on the CPU for flat-faced parts.
 *
 * Why bake: every light here is fixed (a sky/ground hemisphere, an ambient fill, one sun), so a
 * flat face of a box gets one constant colour under MeshLambertMaterial. Writing that colour into
 * the vertices once and drawing with MeshBasicMaterial gives the same picture without per-pixel
 * lighting — about 11 ms a frame of a CPU rasteriser on the stress site (SwiftShader, measured),
 * and nothing lost on a GPU.
 */
const SKY = new Color(0xdfe3e8);
const GROUND = new Color(0x2a2d31);
const HEMISPHERE_INTENSITY = 1.6;
const AMBIENT_INTENSITY = 0.4;
const SUN_INTENSITY = 1.4;
const SUN_POSITION = new Vector3(-80, 160, 60);
const SUN_DIRECTION = SUN_POSITION.clone().normalize();

/** The lights to add to the scene (for the parts still lit per pixel: glTF models, hoists). */
export function sceneLights(): Light[] {
  const sun = new DirectionalLight(0xffffff, SUN_INTENSITY);
  sun.position.copy(SUN_POSITION);
  return [new HemisphereLight(SKY, GROUND, HEMISPHERE_INTENSITY), new AmbientLight(0xffffff, AMBIENT_INTENSITY), sun];
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/**
 * What MeshLambertMaterial computes for a surface normal (unit, world space) under `sceneLights`,
 * as a factor on the diffuse colour (linear RGB): (ambient + hemisphere + sun · max(n·l, 0)) / π,
 * as three.js's `BRDF_Lambert` does.
 */
export function lambertFactor(nx: number, ny: number, nz: number, out: Rgb): Rgb {
  const w = 0.5 * ny + 0.5;
  const sun = Math.max(nx * SUN_DIRECTION.x + ny * SUN_DIRECTION.y + nz * SUN_DIRECTION.z, 0) * SUN_INTENSITY;
  out.r = (AMBIENT_INTENSITY + HEMISPHERE_INTENSITY * (GROUND.r + (SKY.r - GROUND.r) * w) + sun) / Math.PI;
  out.g = (AMBIENT_INTENSITY + HEMISPHERE_INTENSITY * (GROUND.g + (SKY.g - GROUND.g) * w) + sun) / Math.PI;
  out.b = (AMBIENT_INTENSITY + HEMISPHERE_INTENSITY * (GROUND.b + (SKY.b - GROUND.b) * w) + sun) / Math.PI;
  return out;
}
