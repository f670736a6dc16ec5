import type { MaterialKind } from '../../common/api/training.js';

/** What a material file is, told by its first bytes (never by its name or the client's type). */
export interface SniffedMaterial {
  kind: Exclude<MaterialKind, 'text'>;
  mime: string;
  ext: string;
}

const startsWith = (b: Buffer, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((v, i) => b[at + i] === v);
const ascii = (b: Buffer, text: string, at = 0) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

/**
 * Signatures: JPEG FF D8 FF; PNG's 8-byte signature (ISO/IEC 15948); GIF87a/89a; WebP
 * (RIFF….WEBP); PDF `%PDF-` (ISO 32000-1 §7.5.2); MP4/MOV `ftyp` box at byte 4 (ISO/IEC
 * 14496-12 §4.3); WebM/Matroska EBML header 1A 45 DF A3. Anything else is refused: a phone should
 * never be handed an executable or an HTML page dressed as a lesson.
 */
export function sniffMaterial(head: Buffer): SniffedMaterial | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png', ext: 'png' };
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return { kind: 'image', mime: 'image/gif', ext: 'gif' };
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return { kind: 'image', mime: 'image/webp', ext: 'webp' };
  if (ascii(head, '%PDF-')) return { kind: 'pdf', mime: 'application/pdf', ext: 'pdf' };
  if (ascii(head, 'ftyp', 4)) return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mime: 'video/webm', ext: 'webm' };
  return null;
}
