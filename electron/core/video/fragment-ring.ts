import type { LiveFragment } from './video-types.js';

/**
 * Recent fragments of the current ffmpeg run: a late joiner starts at the latest keyframe, and an
 * alarm's evidence clip takes its pre-roll from here. Keeps at least `retainMs` of video back to
 * a keyframe (so the pre-roll can start decoding), and never more than `maxBytes`.
 */
export class FragmentRing {
  private fragments: LiveFragment[] = [];
  private bytes = 0;

  constructor(
    private readonly retainMs: number,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.fragments.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  clear(): void {
    this.fragments = [];
    this.bytes = 0;
  }

  push(fragment: LiveFragment): void {
    if (this.fragments.length === 0 && !fragment.keyframe) return; // undecodable without its keyframe
    this.fragments.push(fragment);
    this.bytes += fragment.data.length;
    this.trim(fragment.receivedAt);
  }

  /** From the latest keyframe to now: what a new viewer needs for an immediate picture. */
  fromLatestKeyframe(): LiveFragment[] {
    for (let i = this.fragments.length - 1; i >= 0; i--) {
      if (this.fragments[i]!.keyframe) return this.fragments.slice(i);
    }
    return [];
  }

  /** From the latest keyframe received at or before `now - ms` (or the oldest kept) to now. */
  lastMs(ms: number, now: number): LiveFragment[] {
    const cutoff = now - ms;
    let start = 0;
    for (let i = 0; i < this.fragments.length; i++) {
      const fragment = this.fragments[i]!;
      if (fragment.receivedAt > cutoff) break;
      if (fragment.keyframe) start = i;
    }
    return this.fragments.slice(start);
  }

  private trim(now: number): void {
    // Drop whole GOPs from the front while the next keyframe is still old enough to cover retainMs.
    const cutoff = now - this.retainMs;
    let keep = 0;
    for (let i = 1; i < this.fragments.length; i++) {
      const fragment = this.fragments[i]!;
      if (fragment.receivedAt > cutoff) break;
      if (fragment.keyframe) keep = i;
    }
    // Over the byte cap (a huge bitrate): drop GOPs from the front regardless of age.
    while (this.bytes - this.bytesBefore(keep) > this.maxBytes) {
      const next = this.fragments.findIndex((f, i) => i > keep && f.keyframe);
      if (next < 0) break;
      keep = next;
    }
    if (keep > 0) {
      this.bytes -= this.bytesBefore(keep);
      this.fragments = this.fragments.slice(keep);
    }
  }

  private bytesBefore(index: number): number {
    let sum = 0;
    for (let i = 0; i < index; i++) sum += this.fragments[i]!.data.length;
    return sum;
  }
}
