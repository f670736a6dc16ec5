/**
 * Names of submitted panoramas. An upload's name comes from the client and is only ever used as a
 * label and for point assignment (`POINTID_…`), never as a path; still, a name that tries to be a
 * path is refused outright so the client learns its mistake.
 */
const ALLOWED_EXTENSIONS = /\.(jpe?g|png)$/i;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: 'bad-name' | 'unsupported-format'; message: string };

export function checkFileName(raw: string): NameCheck {
  const name = raw.normalize('NFC');
  if (name.length === 0 || name.length > 200) return { ok: false, reason: 'bad-name', message: 'the file name must be 1–200 characters' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, reason: 'bad-name', message: 'the file name contains control characters' };
  if (/[/\\]/.test(name) || name === '.' || name === '..' || name.includes('..') || /^[A-Za-z]:/.test(name)) {
    return { ok: false, reason: 'bad-name', message: `"${name}" is a path, not a file name (no "/", "\\", ".." or drive letters)` };
  }
  if (!ALLOWED_EXTENSIONS.test(name)) return { ok: false, reason: 'unsupported-format', message: `"${name}" is not a .jpg, .jpeg or .png file` };
  return { ok: true, name };
}

/** A name safe to use inside the store (rejected-file copies): ASCII letters, digits, "-", "_", ".". */
export function storeSafeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.{2,}/g, '_').slice(-100);
  return cleaned.replace(/^\.+/, '') || 'file';
}

/** The capture point id a file name starts with (`P1_2026-09-01.jpg` → `P1`), if any. */
export function pointIdFromName(name: string): string | null {
  const m = /^([A-Za-z0-9-]{1,64})_/.exec(name);
  return m ? m[1]! : null;
}
