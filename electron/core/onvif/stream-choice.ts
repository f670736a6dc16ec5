import type { OnvifMediaProfile } from './onvif-types.js';

/**
 * Which profile is the main stream and which the sub stream. ONVIF does not name them; cameras
 * list profiles with their encoder resolution, and the convention (Hikvision, Dahua, Axis alike) is
 * main = highest resolution, sub = a lower one for grids. Profiles without a resolution come last.
 */
export function pickStreams(profiles: readonly OnvifMediaProfile[]): { main: OnvifMediaProfile; sub?: OnvifMediaProfile } | undefined {
  if (!profiles.length) return undefined;
  const area = (p: OnvifMediaProfile): number => (p.width ?? 0) * (p.height ?? 0);
  const sorted = [...profiles].sort((a, b) => area(b) - area(a));
  const main = sorted[0]!;
  const smaller = sorted.filter((p) => area(p) > 0 && area(p) < area(main));
  const sub = smaller[smaller.length - 1];
  return sub ? { main, sub } : { main };
}
