import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../../../native/ffmpeg.js';
import { Mp4Fragmenter, Mp4StreamError, type InitSegment, type MediaSegment } from '../../../electron/core/video/mp4-fragmenter.js';

const ffmpeg = locateFfmpeg().path;

/** A real fragmented MP4 from ffmpeg: 3 s of 320x240 at 15 fps, GOP of 15, so 3 keyframes. */
function makeFragmentedMp4(movflags: string, extra: string[] = []): Buffer {
  return execFileSync(
    ffmpeg,
    ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-t', '3',
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-g', '15', '-keyint_min', '15', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-f', 'mp4', '-movflags', movflags, ...extra, 'pipe:1'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The same encode as raw Annex B H.264, to read the SPS independently of the MP4 muxer. */
function spsProfileLevel(): string {
  const raw = execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-t', '1',
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-f', 'h264', 'pipe:1']);
  for (let i = 0; i + 7 < raw.length; i++) {
    if (raw[i] === 0 && raw[i + 1] === 0 && raw[i + 2] === 1 && (raw[i + 3]! & 0x1f) === 7) {
      return raw.subarray(i + 4, i + 7).toString('hex').toUpperCase();
    }
  }
  throw new Error('no SPS in the raw stream');
}

function feedInRandomChunks(data: Buffer, fragmenter: Mp4Fragmenter, seed: number): void {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let offset = 0;
  while (offset < data.length) {
    // Mostly tiny chunks (split box headers), sometimes large ones (several boxes at once).
    const size = random() < 0.7 ? 1 + Math.floor(random() * 20) : 1 + Math.floor(random() * 20_000);
    fragmenter.push(data.subarray(offset, offset + size));
    offset += size;
  }
}

function collect(data: Buffer, seed: number) {
  const inits: InitSegment[] = [];
  const media: MediaSegment[] = [];
  const fragmenter = new Mp4Fragmenter({ onInit: (s) => inits.push(s), onMedia: (s) => media.push(s) });
  feedInRandomChunks(data, fragmenter, seed);
  return { inits, media };
}

function countTopLevel(data: Buffer, type: string): number {
  let count = 0;
  for (let offset = 0; offset + 8 <= data.length; ) {
    const size = data.readUInt32BE(offset);
    if (data.toString('latin1', offset + 4, offset + 8) === type) count++;
    offset += size;
  }
  return count;
}

describe('Mp4Fragmenter on real ffmpeg output', () => {
  const perKeyframe = makeFragmentedMp4('empty_moov+default_base_moof+frag_keyframe');
  const perFrame = makeFragmentedMp4('empty_moov+default_base_moof+frag_keyframe+frag_every_frame');

  it('finds the init segment once and every moof+mdat, whatever the chunk sizes', () => {
    for (const seed of [1, 2, 3, 42]) {
      const { inits, media } = collect(perKeyframe, seed);
      expect(inits).toHaveLength(1);
      expect(media).toHaveLength(countTopLevel(perKeyframe, 'moof'));
      expect(media).toHaveLength(3);
      expect(media.every((m) => m.info.keyframe)).toBe(true);
      expect(media.reduce((n, m) => n + m.info.sampleCount, 0)).toBe(45);
    }
  });

  it('segments concatenate back to the exact input minus the trailer', () => {
    const { inits, media } = collect(perKeyframe, 7);
    const rebuilt = Buffer.concat([inits[0]!.data, ...media.map((m) => m.data)]);
    expect(perKeyframe.subarray(0, rebuilt.length).equals(rebuilt)).toBe(true);
  });

  it('flags only the fragments that start with a keyframe when cutting every frame', () => {
    const { media } = collect(perFrame, 5);
    expect(media).toHaveLength(45);
    expect(media.map((m, i) => (m.info.keyframe ? i : -1)).filter((i) => i >= 0)).toEqual([0, 15, 30]);
    const total = media.reduce((s, m) => s + m.durationSec, 0);
    expect(total).toBeCloseTo(3, 1);
  });

  it('reads the codec string avc1.PPCCLL matching the SPS', () => {
    const { inits } = collect(perKeyframe, 9);
    const codec = inits[0]!.track.codec;
    expect(codec).toMatch(/^avc1\.[0-9A-F]{6}$/);
    expect(codec).toBe(`avc1.${spsProfileLevel()}`);
    expect(codec.slice(5, 7)).toBe('4D'); // Main profile = 77
    expect(inits[0]!.track).toMatchObject({ width: 320, height: 240 });
  });

  it('reads an hvc1 codec string (ISO/IEC 14496-15 Annex E) from an H.265 stream', () => {
    const hevc = execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-t', '1',
      '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1',
      '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', 'pipe:1']);
    const level = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=level', '-of', 'default=nw=1:nk=1', '-i', 'pipe:0'], { input: hevc, encoding: 'utf8' }).trim();
    const { inits, media } = collect(hevc, 11);
    // Main profile (1), compatible with Main and Main 10 (flags 0x60000000 bit-reversed → 6), main tier.
    expect(inits[0]!.track.codec).toMatch(new RegExp(`^hvc1\\.1\\.6\\.L${level}(\\.[0-9A-F]{1,2})*$`));
    expect(media[0]!.info.keyframe).toBe(true);
  });

  it('refuses a box with a bogus 2 GB size with a clear error', () => {
    const fragmenter = new Mp4Fragmenter({ onInit: () => {}, onMedia: () => {} });
    const bogus = Buffer.alloc(16);
    bogus.writeUInt32BE(0x8000_0000, 0);
    bogus.write('mdat', 4, 'latin1');
    expect(() => fragmenter.push(bogus)).toThrow(Mp4StreamError);
    expect(() => fragmenter.push(Buffer.alloc(1))).toThrow(/claims 2147483648 bytes, over the 16777216-byte limit/);
  });

  it('refuses bytes that are not MP4 at all', () => {
    const fragmenter = new Mp4Fragmenter({ onInit: () => {}, onMedia: () => {} });
    // What a pipe carrying a text error or a foreign binary format looks like: box type bytes that are not characters.
    const junk = Buffer.from('000000107f454c4602010100', 'hex');
    expect(() => fragmenter.push(junk)).toThrow(/not an MP4 stream: box type bytes 7f454c46/);
  });
});

/** H.264 with its SPS in band (Annex B from x264, then remuxed as a camera's RTSP stream is), fragmented per keyframe. */
function inBandSpsMp4(size: string): Buffer {
  const annexB = execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=15`, '-t', '2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-keyint_min', '15', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-f', 'h264', 'pipe:1']);
  return execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'h264', '-framerate', '15', '-i', 'pipe:0', '-c:v', 'copy',
    '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', 'pipe:1'], { input: annexB, maxBuffer: 64 * 1024 * 1024 });
}

/** Top-level boxes of a buffer, as [type, bytes]. */
function topLevel(data: Buffer): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (let offset = 0; offset + 8 <= data.length; ) {
    const size = data.readUInt32BE(offset);
    out.push([data.toString('latin1', offset + 4, offset + 8), data.subarray(offset, offset + size)]);
    offset += size;
  }
  return out;
}

/** The same box with a 64-bit largesize header (ISO/IEC 14496-12 §4.2: size = 1, then the size in 8 bytes). */
function withLargeSize(box: Buffer): Buffer {
  const large = Buffer.alloc(box.length + 8);
  large.writeUInt32BE(1, 0);
  box.copy(large, 4, 4, 8);
  large.writeBigUInt64BE(BigInt(box.length + 8), 8);
  box.copy(large, 16, 8);
  return large;
}

describe('Mp4Fragmenter box handling', () => {
  const small = inBandSpsMp4('320x240');
  const boxes = topLevel(small);

  const freeBox = (size: number) => {
    const free = Buffer.alloc(size);
    free.writeUInt32BE(size, 0);
    free.write('free', 4, 'latin1');
    return free;
  };

  it('takes 64-bit box sizes and skips free boxes', () => {
    const rewritten = Buffer.concat(boxes.flatMap(([type, box]) => (type === 'mdat' ? [withLargeSize(box), freeBox(24)] : [box])));
    const { inits, media } = collect(rewritten, 3);
    expect(inits).toHaveLength(1);
    const mdats = boxes.filter(([type]) => type === 'mdat').map(([, box]) => box);
    expect(media).toHaveLength(mdats.length);
    expect(media.every((m) => m.info.keyframe)).toBe(true);
    // Each segment is moof + mdat exactly as written, the 64-bit header included.
    media.forEach((m, i) => expect(m.data.subarray(m.data.length - mdats[i]!.length - 8).equals(withLargeSize(mdats[i]!))).toBe(true));
  });

  it('hands on a moof+mdat that came in one read as a view of it, and copies one split across reads or lost in a larger read', () => {
    const init = Buffer.concat(boxes.filter(([type]) => type === 'ftyp' || type === 'moov').map(([, box]) => box));
    const fragments = boxes.filter(([type]) => type === 'moof').map(([, moof], i) => Buffer.concat([moof, boxes.filter(([type]) => type === 'mdat')[i]![1]]));
    expect(fragments.length).toBeGreaterThanOrEqual(2);
    const media: MediaSegment[] = [];
    const fragmenter = new Mp4Fragmenter({ onInit: () => {}, onMedia: (s) => media.push(s) });
    // As Node reads a pipe: every read a buffer of its own.
    fragmenter.push(Buffer.from(init));
    const whole = Buffer.from(fragments[0]!);
    fragmenter.push(whole);
    const cut = Math.floor(fragments[1]!.length / 2);
    const halves = [Buffer.from(fragments[1]!.subarray(0, cut)), Buffer.from(fragments[1]!.subarray(cut))];
    for (const half of halves) fragmenter.push(half);
    const crowded = Buffer.concat([fragments[0]!, freeBox(3 * fragments[0]!.length)]);
    fragmenter.push(crowded);
    expect(media).toHaveLength(3);
    [0, 1, 0].forEach((f, i) => expect(media[i]!.data.equals(fragments[f]!)).toBe(true));
    expect(media[0]!.data.buffer).toBe(whole.buffer);
    for (const half of halves) half.fill(0);
    crowded.fill(0);
    expect(media[1]!.data.equals(fragments[1]!)).toBe(true);
    expect(media[2]!.data.equals(fragments[0]!)).toBe(true);
  });

  it("ends the stream with 'stream changed' at the first keyframe whose in-band SPS differs, before passing it on", () => {
    const other = topLevel(inBandSpsMp4('352x288')).filter(([type]) => type === 'moof' || type === 'mdat');
    const fragmentsBefore = boxes.filter(([type]) => type === 'moof').length;
    const stream = Buffer.concat([...boxes.map(([, box]) => box), ...other.map(([, box]) => box)]);
    const media: MediaSegment[] = [];
    const fragmenter = new Mp4Fragmenter({ onInit: () => {}, onMedia: (s) => media.push(s) });
    let error: unknown;
    try {
      feedInRandomChunks(stream, fragmenter, 13);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(Mp4StreamError);
    expect((error as Mp4StreamError).reason).toBe('stream changed');
    expect(media).toHaveLength(fragmentsBefore);
    // The same stream alone passes: its own keyframes repeat the first SPS.
    expect(collect(small, 13).media).toHaveLength(fragmentsBefore);
  });
});
