import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  Hj212FrameDecoder,
  MAX_FRAME_BYTES,
  type Hj212DecodeEvent,
} from '../../../../electron/core/sources/hj212/frame-codec.js';

const SEGMENT_A = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';
const SEGMENT_B = 'QN=20240315143025123;ST=22;CN=2011;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20240315143000;a34002-Rtd=92.4,a34002-Flag=N&&';
const SEGMENT_C = 'QN=20240315143125123;ST=22;CN=2011;PW=123456;MN=88888880000001;Flag=4;CP=&&DataTime=20240315143100;LA-Rtd=63.8,LA-Flag=N&&';

function frames(events: Hj212DecodeEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'frame' ? [e.segment] : []));
}
function faults(events: Hj212DecodeEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'fault' ? [e.fault] : []));
}
const ascii = (text: string) => Buffer.from(text, 'latin1');

describe('encodeFrame', () => {
  it("reproduces the standard's example frame byte for byte", () => {
    expect(encodeFrame(SEGMENT_A).toString('latin1')).toBe(`##0101${SEGMENT_A}1C80\r\n`);
  });

  it('pads the length to 4 digits and refuses what a frame cannot carry', () => {
    expect(encodeFrame('CN=2011;CP=&&&&').toString('latin1').slice(0, 6)).toBe('##0015');
    expect(() => encodeFrame('x'.repeat(1025))).toThrow(RangeError);
    expect(() => encodeFrame('CN=2011;CP=&&温度&&')).toThrow(RangeError);
    expect(() => encodeFrame('CN=2011\r\n')).toThrow(RangeError);
  });
});

describe('Hj212FrameDecoder', () => {
  it('round-trips encoded frames, including an empty and a 1024-byte segment', () => {
    const longest = `CN=2011;CP=&&${'a'.repeat(1024 - 15)}&&`;
    expect(longest.length).toBe(1024);
    for (const segment of [SEGMENT_A, SEGMENT_B, '', longest]) {
      const events = new Hj212FrameDecoder().push(encodeFrame(segment));
      expect(events).toEqual([{ type: 'frame', segment }]);
    }
  });

  it('decodes a frame delivered one byte at a time, and only once it is complete', () => {
    const decoder = new Hj212FrameDecoder();
    const bytes = encodeFrame(SEGMENT_B);
    const seen: Hj212DecodeEvent[] = [];
    bytes.forEach((byte, i) => {
      const events = decoder.push(Uint8Array.of(byte));
      if (i < bytes.length - 1) expect(events, `after byte ${i}`).toEqual([]);
      seen.push(...events);
    });
    expect(seen).toEqual([{ type: 'frame', segment: SEGMENT_B }]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('decodes three frames arriving in one chunk, in order', () => {
    const chunk = Buffer.concat([encodeFrame(SEGMENT_A), encodeFrame(SEGMENT_B), encodeFrame(SEGMENT_C)]);
    expect(frames(new Hj212FrameDecoder().push(chunk))).toEqual([SEGMENT_A, SEGMENT_B, SEGMENT_C]);
  });

  it('decodes frames split at arbitrary points across reads', () => {
    const stream = Buffer.concat([encodeFrame(SEGMENT_A), encodeFrame(SEGMENT_B), encodeFrame(SEGMENT_C)]);
    for (const cut of [1, 2, 5, 6, 107, 108, 112, 113, 200]) {
      const decoder = new Hj212FrameDecoder();
      const seen = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(frames(seen), `cut at ${cut}`).toEqual([SEGMENT_A, SEGMENT_B, SEGMENT_C]);
    }
  });

  it('skips garbage before and between frames, including stray # and ## that start nothing', () => {
    const decoder = new Hj212FrameDecoder();
    const chunk = Buffer.concat([
      ascii('GET / HTTP/1.1\r\n\r\n#'),
      encodeFrame(SEGMENT_A),
      ascii('\x00\xff##xy#'),
      encodeFrame(SEGMENT_B),
      ascii('##00'),
      encodeFrame(SEGMENT_C),
    ]);
    const events = decoder.push(chunk);
    expect(frames(events)).toEqual([SEGMENT_A, SEGMENT_B, SEGMENT_C]);
    expect(decoder.skippedBytes).toBeGreaterThan(20);
  });

  it('rejects a wrong CRC as bad-crc and still decodes the next frame', () => {
    const bad = ascii(encodeFrame(SEGMENT_A).toString('latin1').replace('1C80', '1C81'));
    const events = new Hj212FrameDecoder().push(Buffer.concat([bad, encodeFrame(SEGMENT_B)]));
    expect(faults(events)).toEqual(['bad-crc']);
    expect(frames(events)).toEqual([SEGMENT_B]);
  });

  it('rejects a CRC that is not hex, and a changed data byte under a kept CRC', () => {
    const notHex = ascii(encodeFrame(SEGMENT_A).toString('latin1').replace('1C80', '1G80'));
    const tampered = ascii(encodeFrame(SEGMENT_A).toString('latin1').replace('PW=100000', 'PW=100001'));
    const events = new Hj212FrameDecoder().push(Buffer.concat([notHex, tampered, encodeFrame(SEGMENT_C)]));
    expect(faults(events)).toEqual(['bad-crc', 'bad-crc']);
    expect(frames(events)).toEqual([SEGMENT_C]);
  });

  it('accepts a lower-case CRC', () => {
    const lower = ascii(`##0101${SEGMENT_A}1c80\r\n`);
    expect(frames(new Hj212FrameDecoder().push(lower))).toEqual([SEGMENT_A]);
  });

  it('rejects a length that is too long, too short or not digits, and decodes the frame after each', () => {
    const good = encodeFrame(SEGMENT_A).toString('latin1');
    for (const [label, broken] of [
      ['too long', good.replace('##0101', '##0102')],
      ['too short', good.replace('##0101', '##0100')],
      ['not digits', good.replace('##0101', '##01x1')],
    ] as const) {
      const decoder = new Hj212FrameDecoder();
      const events = decoder.push(Buffer.concat([ascii(broken), encodeFrame(SEGMENT_B)]));
      expect(faults(events), label).toEqual(['bad-length']);
      expect(frames(events), label).toEqual([SEGMENT_B]);
      expect(decoder.bufferedBytes, label).toBe(0);
    }
  });

  it('does not hold back the next frame behind a truncated one', () => {
    // A frame cut off mid-way (the monitor rebooted), then a good frame, then silence.
    const truncated = encodeFrame(SEGMENT_A).subarray(0, 60);
    const events = new Hj212FrameDecoder().push(Buffer.concat([truncated, encodeFrame(SEGMENT_B)]));
    expect(frames(events)).toEqual([SEGMENT_B]);
    expect(faults(events)).toEqual(['bad-length']);
  });

  it('finds a good frame even when a cut-short frame before it announced a length ending exactly at its CR LF', () => {
    // Found by the fuzz test: the candidate looks whole (trailer in place) and fails only on CRC.
    const good = encodeFrame(SEGMENT_B);
    const cutShort = 'QN=20240315143000001;ST=22;CN=2011;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=2024';
    const announced = cutShort.length + good.length - 6;
    const events = new Hj212FrameDecoder().push(Buffer.concat([ascii(`##${String(announced).padStart(4, '0')}${cutShort}`), good]));
    expect(faults(events)).toEqual(['bad-crc']);
    expect(frames(events)).toEqual([SEGMENT_B]);
  });

  it('rejects an announced length over 1024 as oversize without waiting for it, and decodes the frame after', () => {
    const decoder = new Hj212FrameDecoder();
    const first = decoder.push(ascii('##2000QN=1;CN=2011;CP=&&'));
    expect(faults(first)).toEqual(['oversize']);
    const events = decoder.push(Buffer.concat([ascii('x'.repeat(1976) + 'ABCD\r\n'), encodeFrame(SEGMENT_C)]));
    expect(frames(events)).toEqual([SEGMENT_C]);
    expect(decoder.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
  });

  it('rejects a 1025-byte data segment sent whole', () => {
    const segment = `CN=2011;CP=&&${'a'.repeat(1025 - 15)}&&`;
    const wire = ascii(`##1025${segment}0000\r\n`);
    const events = new Hj212FrameDecoder().push(Buffer.concat([wire, encodeFrame(SEGMENT_A)]));
    expect(faults(events)).toEqual(['oversize']);
    expect(frames(events)).toEqual([SEGMENT_A]);
  });

  it('holds at most one unfinished frame however long the peer sends without finishing one', () => {
    const decoder = new Hj212FrameDecoder();
    decoder.push(ascii('##1024'));
    for (let i = 0; i < 5000; i++) {
      decoder.push(ascii('abcdefgh'));
      expect(decoder.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
    }
    for (let i = 0; i < 100; i++) decoder.push(ascii('#'.repeat(1000)));
    expect(decoder.bufferedBytes).toBeLessThan(MAX_FRAME_BYTES);
    expect(frames(decoder.push(encodeFrame(SEGMENT_B)))).toEqual([SEGMENT_B]);
  });
});
