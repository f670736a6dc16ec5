import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { storeQualityPhoto } from '../../../electron/core/quality/photo-files.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(() => removeTempDirs());

const image = (format: 'jpeg' | 'png' | 'webp' | 'gif') => sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).toFormat(format).toBuffer();

describe('quality photos', () => {
  it('keeps JPEG, PNG and WebP as sent, named by content', async () => {
    const dir = tempDir();
    for (const [format, ext] of [['jpeg', 'jpg'], ['png', 'png'], ['webp', 'webp']] as const) {
      const bytes = await image(format);
      const r = await storeQualityPhoto(dir, bytes);
      expect(r).toMatchObject({ ok: true, format, width: 40, height: 30, file: expect.stringMatching(new RegExp(`^q-[0-9a-f]{20}\\.${ext}$`)) });
      if (r.ok) expect(readFileSync(join(dir, r.file)).equals(bytes)).toBe(true);
    }
  });

  it('refuses a text file named like a photo, another image format, an empty or oversized body', async () => {
    const dir = tempDir();
    expect(await storeQualityPhoto(dir, Buffer.from('this is not a photo at all'))).toEqual({ ok: false, status: 415, message: expect.stringMatching(/not an image/) });
    expect(await storeQualityPhoto(dir, await image('gif'))).toMatchObject({ ok: false, status: 415, message: expect.stringMatching(/it is gif/) });
    expect(await storeQualityPhoto(dir, Buffer.alloc(0))).toMatchObject({ ok: false, status: 400 });
    expect(await storeQualityPhoto(dir, Buffer.alloc(16 * 2 ** 20))).toMatchObject({ ok: false, status: 413 });
  });
});
