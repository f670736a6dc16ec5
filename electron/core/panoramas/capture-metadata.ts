import exifr from 'exifr';

/** What a panorama file says about itself (EXIF, XMP GPano); every field may be missing. */
export interface CaptureMetadata {
  capturedAt: number | null;
  headingDeg: number | null;
  pitchDeg: number | null;
  rollDeg: number | null;
  gps: { latDeg: number; lonDeg: number; altM: number | null } | null;
  make: string | null;
  model: string | null;
  projection: string | null;
}

const EMPTY: CaptureMetadata = { capturedAt: null, headingDeg: null, pitchDeg: null, rollDeg: null, gps: null, make: null, model: null, projection: null };

/**
 * Reads EXIF and XMP with exifr. Dates are kept as text (`reviveValues: false`) because EXIF times
 * have no zone: we apply OffsetTimeOriginal when the camera wrote one, else the site's time zone
 * (exifr would use the core machine's zone, which is a guess).
 */
export async function readCaptureMetadata(bytes: Buffer, siteTimeZone: string): Promise<CaptureMetadata> {
  let raw: Record<string, unknown> | undefined;
  try {
    raw = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, reviveValues: false, mergeOutput: true, translateValues: false })) as Record<string, unknown> | undefined;
  } catch {
    return EMPTY; // No metadata, or unreadable metadata: the image itself may be fine.
  }
  if (!raw) return EMPTY;
  const num = (key: string): number | null => {
    const v = raw![key];
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  const str = (key: string): string | null => {
    const v = raw![key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\0+$/, '') : null;
  };
  const lat = num('latitude');
  const lon = num('longitude');
  const alt = num('GPSAltitude');
  const timeText = str('DateTimeOriginal') ?? str('CreateDate') ?? str('FirstPhotoDate') ?? str('ModifyDate') ?? str('DateTime');
  const offset = str('OffsetTimeOriginal') ?? str('OffsetTime');
  return {
    capturedAt: timeText ? parseExifTime(timeText, offset, siteTimeZone) : null,
    // GPano heading is the bearing of the image centre; GPSImgDirection is the next best thing.
    headingDeg: num('PoseHeadingDegrees') ?? num('GPSImgDirection'),
    pitchDeg: num('PosePitchDegrees'),
    rollDeg: num('PoseRollDegrees'),
    gps: lat !== null && lon !== null ? { latDeg: lat, lonDeg: lon, altM: alt } : null,
    make: str('Make'),
    model: str('Model'),
    projection: str('ProjectionType'),
  };
}

/** `2026:09:01 10:11:12` (EXIF) or ISO text; `+08:00` offset if given, else wall time in `timeZone`. */
export function parseExifTime(text: string, offset: string | null, timeZone: string): number | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (!Number.isFinite(asUtc) || y < 1990) return null;
  const zone = m[8] ?? offset;
  if (zone) {
    if (zone === 'Z') return asUtc;
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (z) return asUtc - (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  return asUtc - zoneOffsetMs(asUtc, timeZone);
}

/** Offset of `timeZone` from UTC at about that instant, ms (wall time − UTC). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}
