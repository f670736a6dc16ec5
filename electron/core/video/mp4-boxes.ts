/**
 * Minimal ISO BMFF (MP4) box reading: just enough to find the codec in a moov and the timing and
 * keyframe flags in a moof (ISO/IEC 14496-12 §8.8; codec configuration per 14496-15).
 */

export interface Box {
  type: string;
  /** The box's payload, header excluded. */
  body: Buffer;
}

/** Child boxes of a container payload. Stops at a truncated or malformed child. */
export function childBoxes(payload: Buffer): Box[] {
  const boxes: Box[] = [];
  let offset = 0;
  while (offset + 8 <= payload.length) {
    let size = payload.readUInt32BE(offset);
    const type = payload.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > payload.length) break;
      size = Number(payload.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = payload.length - offset;
    }
    if (size < header || offset + size > payload.length) break;
    boxes.push({ type, body: payload.subarray(offset + header, offset + size) });
    offset += size;
  }
  return boxes;
}

export function findBox(payload: Buffer, path: readonly string[]): Box | undefined {
  let current: Box | undefined = { type: '', body: payload };
  for (const type of path) {
    current = childBoxes(current.body).find((box) => box.type === type);
    if (!current) return undefined;
  }
  return current;
}

/** What the init segment says about the video track. */
export interface TrackInfo {
  /** MSE/RFC 6381 codec string, e.g. `avc1.42C01E` or `hvc1.1.6.L93.B0`. */
  codec: string;
  /** Media timescale from mdhd: ticks per second of the fragment timestamps. */
  timescale: number;
  width: number;
  height: number;
  /** Sample flags and duration from trex, used when a fragment does not carry its own. */
  defaultSampleFlags: number;
  defaultSampleDuration: number;
}

/** Reads the first video track of a moov payload. Throws if there is none. */
export function readTrackInfo(moov: Buffer): TrackInfo {
  const traks = childBoxes(moov).filter((box) => box.type === 'trak');
  for (const trak of traks) {
    const stsd = findBox(trak.body, ['mdia', 'minf', 'stbl', 'stsd']);
    const mdhd = findBox(trak.body, ['mdia', 'mdhd']);
    if (!stsd || !mdhd || !findBox(trak.body, ['mdia', 'minf', 'vmhd'])) continue;
    // stsd is a full box (4 bytes) with an entry count (4 bytes); the first sample entry follows.
    const entry = childBoxes(stsd.body.subarray(8))[0];
    if (!entry) continue;
    // VisualSampleEntry: 6 reserved + 2 data_reference_index + 16 pre-defined/reserved, then
    // width (2), height (2), and 50 more bytes before its child boxes (14496-12 §12.1.3).
    const width = entry.body.readUInt16BE(24);
    const height = entry.body.readUInt16BE(26);
    const children = childBoxes(entry.body.subarray(78));
    const codec = codecString(entry.type, children);
    const version = mdhd.body[0];
    const timescale = version === 1 ? mdhd.body.readUInt32BE(20) : mdhd.body.readUInt32BE(12);
    const trex = findBox(moov, ['mvex', 'trex']);
    return {
      codec,
      timescale,
      width,
      height,
      defaultSampleDuration: trex ? trex.body.readUInt32BE(12) : 0,
      defaultSampleFlags: trex ? trex.body.readUInt32BE(20) : 0,
    };
  }
  throw new Error('init segment has no video track');
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

function codecString(entryType: string, children: Box[]): string {
  if (entryType === 'avc1' || entryType === 'avc3') {
    const avcC = children.find((box) => box.type === 'avcC');
    if (!avcC || avcC.body.length < 4) throw new Error(`${entryType} sample entry has no avcC box`);
    // avcC: configurationVersion, AVCProfileIndication, profile_compatibility, AVCLevelIndication.
    return `${entryType}.${hex2(avcC.body[1]!)}${hex2(avcC.body[2]!)}${hex2(avcC.body[3]!)}`;
  }
  if (entryType === 'hvc1' || entryType === 'hev1') {
    const hvcC = children.find((box) => box.type === 'hvcC');
    if (!hvcC || hvcC.body.length < 13) throw new Error(`${entryType} sample entry has no hvcC box`);
    return hevcCodecString(entryType, hvcC.body);
  }
  return entryType;
}

/** RFC 6381 string for HEVC as ISO/IEC 14496-15 Annex E defines it, e.g. `hvc1.1.6.L93.B0`. */
function hevcCodecString(entryType: string, hvcC: Buffer): string {
  const byte1 = hvcC[1]!;
  const profileSpace = ['', 'A', 'B', 'C'][byte1 >> 6]!;
  const tier = byte1 & 0x20 ? 'H' : 'L';
  const profileIdc = byte1 & 0x1f;
  // The 32 compatibility flags are written in reverse bit order, in hex, leading zeros dropped.
  let compatibility = hvcC.readUInt32BE(2);
  let reversed = 0;
  for (let i = 0; i < 32; i++) {
    reversed = (reversed << 1) | (compatibility & 1);
    compatibility >>>= 1;
  }
  const level = hvcC[12]!;
  const constraints: string[] = [];
  for (let i = 6; i < 12; i++) constraints.push(hvcC[i]!.toString(16).toUpperCase());
  while (constraints.length && constraints[constraints.length - 1] === '0') constraints.pop();
  return [entryType, `${profileSpace}${profileIdc}`, (reversed >>> 0).toString(16).toUpperCase(), `${tier}${level}`, ...constraints].join('.');
}

/** Timing and sync information from one moof. */
export interface FragmentInfo {
  /** Decode time of the first sample, in track timescale ticks (tfdt). */
  baseDecodeTime: number;
  sampleCount: number;
  /** Sum of sample durations, in timescale ticks. */
  duration: number;
  /** Whether the first sample is a sync sample (an IDR frame a decoder can start from). */
  keyframe: boolean;
}

/** sample_is_non_sync_sample in the 32-bit sample flags (14496-12 §8.8.3.1). */
const NON_SYNC_SAMPLE = 0x0001_0000;

export function readFragmentInfo(moof: Buffer, track: Pick<TrackInfo, 'defaultSampleDuration' | 'defaultSampleFlags'>): FragmentInfo {
  const traf = findBox(moof, ['traf']);
  if (!traf) throw new Error('moof without traf');
  const parts = childBoxes(traf.body);
  const tfhd = parts.find((box) => box.type === 'tfhd');
  if (!tfhd) throw new Error('traf without tfhd');
  const tfhdFlags = tfhd.body.readUInt32BE(0) & 0xffffff;
  let cursor = 8; // version+flags, track_ID
  if (tfhdFlags & 0x01) cursor += 8; // base_data_offset
  if (tfhdFlags & 0x02) cursor += 4; // sample_description_index
  let defaultDuration = track.defaultSampleDuration;
  let defaultFlags = track.defaultSampleFlags;
  if (tfhdFlags & 0x08) {
    defaultDuration = tfhd.body.readUInt32BE(cursor);
    cursor += 4;
  }
  if (tfhdFlags & 0x10) cursor += 4; // default_sample_size
  if (tfhdFlags & 0x20) defaultFlags = tfhd.body.readUInt32BE(cursor);

  const tfdt = parts.find((box) => box.type === 'tfdt');
  let baseDecodeTime = 0;
  if (tfdt) baseDecodeTime = tfdt.body[0] === 1 ? Number(tfdt.body.readBigUInt64BE(4)) : tfdt.body.readUInt32BE(4);

  let sampleCount = 0;
  let duration = 0;
  let firstFlags: number | undefined;
  for (const trun of parts.filter((box) => box.type === 'trun')) {
    const flags = trun.body.readUInt32BE(0) & 0xffffff;
    const count = trun.body.readUInt32BE(4);
    let at = 8;
    if (flags & 0x01) at += 4; // data_offset
    let firstSampleFlags: number | undefined;
    if (flags & 0x04) {
      firstSampleFlags = trun.body.readUInt32BE(at);
      at += 4;
    }
    const perSample = (flags & 0x100 ? 4 : 0) + (flags & 0x200 ? 4 : 0) + (flags & 0x400 ? 4 : 0) + (flags & 0x800 ? 4 : 0);
    for (let i = 0; i < count; i++) {
      let field = at + i * perSample;
      let sampleDuration = defaultDuration;
      if (flags & 0x100) {
        sampleDuration = trun.body.readUInt32BE(field);
        field += 4;
      }
      if (flags & 0x200) field += 4;
      let sampleFlags = defaultFlags;
      if (flags & 0x400) sampleFlags = trun.body.readUInt32BE(field);
      if (i === 0 && firstSampleFlags !== undefined) sampleFlags = firstSampleFlags;
      if (sampleCount === 0 && i === 0) firstFlags = sampleFlags;
      duration += sampleDuration;
    }
    sampleCount += count;
  }
  return { baseDecodeTime, sampleCount, duration, keyframe: firstFlags !== undefined && (firstFlags & NON_SYNC_SAMPLE) === 0 };
}
