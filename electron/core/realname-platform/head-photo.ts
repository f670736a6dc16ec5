/**
 * Head photos as the platform takes them: JPG or PNG of at most 50 KB. A stored photo already is
 * one (the registry normalises uploads), but a file changed or put there by hand may not be; this
 * makes it valid when it can and says why when it cannot, so a record is held back with a reason
 * instead of being sent to be rejected.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { HEAD_PHOTO_MAX_BYTES } from './methods.js';

export type HeadPhoto = { ok: true; base64: string } | { ok: false; reason: string };

const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function headPhotoFor(photosDir: string, file: string | null): Promise<HeadPhoto> {
  if (!file) return { ok: false, reason: '缺少人员头像照片：请在花名册中上传头像后再同步' };
  let bytes: Buffer;
  try {
    bytes = await readFile(join(photosDir, file));
  } catch {
    return { ok: false, reason: `头像照片文件 ${file} 不存在：请重新上传头像` };
  }
  const looksRight = bytes.subarray(0, 3).equals(JPEG_MAGIC) || bytes.subarray(0, 8).equals(PNG_MAGIC);
  if (looksRight && bytes.length <= HEAD_PHOTO_MAX_BYTES) return { ok: true, base64: bytes.toString('base64') };
  try {
    const base = sharp(bytes, { limitInputPixels: 50_000_000 }).rotate().resize(358, 441, { fit: 'cover' }).flatten({ background: '#ffffff' });
    for (const quality of [80, 60, 40, 25]) {
      const out = await base.clone().jpeg({ quality }).toBuffer();
      if (out.length <= HEAD_PHOTO_MAX_BYTES) return { ok: true, base64: out.toString('base64') };
    }
    return { ok: false, reason: '头像照片无法压缩到 50KB 以内：请上传一张更简单的头像' };
  } catch {
    return { ok: false, reason: '头像照片不是可读的 JPG 或 PNG 图片：请重新上传头像' };
  }
}
