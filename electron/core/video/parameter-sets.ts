/**
 * The sequence parameter set carried in band at the start of a keyframe sample, so the core sees
 * a camera change its picture size (or profile) mid-stream. A remux (`-c:v copy`) keeps writing
 * such samples under the first init segment, whose avcC/hvcC still describes the old size; a player
 * would decode them against a SourceBuffer created for the old stream. Samples are NAL units with
 * 4-byte big-endian lengths (ffmpeg's mp4 muxer writes lengthSizeMinusOne = 3; ISO/IEC 14496-15
 * §5.3.2); H.264 SPS is nal_unit_type 7 (ITU-T H.264 Table 7-1), H.265 SPS is type 33 (ITU-T H.265
 * Table 7-1).
 */
export function inBandSps(sample: Buffer, codec: string): Buffer | undefined {
  const hevc = codec.startsWith('hvc1') || codec.startsWith('hev1');
  if (!hevc && !codec.startsWith('avc')) return undefined;
  let at = 0;
  // Parameter sets precede the first slice; a handful of NAL units at most.
  for (let n = 0; n < 8 && at + 5 <= sample.length; n++) {
    const length = sample.readUInt32BE(at);
    if (length === 0 || at + 4 + length > sample.length) return undefined;
    const header = sample[at + 4]!;
    const type = hevc ? (header >> 1) & 0x3f : header & 0x1f;
    if (type === (hevc ? 33 : 7)) return sample.subarray(at + 4, at + 4 + length);
    // A slice (H.264 types 1–5, H.265 types 0–31): no parameter set before it.
    if (hevc ? type < 32 : type >= 1 && type <= 5) return undefined;
    at += 4 + length;
  }
  return undefined;
}
