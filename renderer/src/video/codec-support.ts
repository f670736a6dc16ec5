/** MIME type for an MSE SourceBuffer carrying fMP4 with the core's codec string (`avc1.PPCCLL`, `hvc1…`). */
export function mseMimeType(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}

/** Codec family for messages: "H.264", "H.265", or the string itself. */
export function codecFamily(codec: string): string {
  if (/^avc[13]\./.test(codec)) return 'H.264';
  if (/^(hvc1|hev1)\./.test(codec)) return 'H.265';
  return codec;
}
