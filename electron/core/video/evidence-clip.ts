import { rename, rm, writeFile } from 'node:fs/promises';
import { locateFfmpeg } from '../../../native/ffmpeg.js';
import { runFfmpeg } from './run-ffmpeg.js';
import type { StreamSupervisor } from './stream-supervisor.js';
import type { LiveFragment, LiveInit } from './video-types.js';

export interface EvidenceClipOptions {
  /** Where the MP4 goes. */
  path: string;
  /** Video before the trigger, ms; limited to what the stream's ring buffer holds (its preRollMs). */
  preRollMs: number;
  /** Video after the trigger, ms. */
  postRollMs: number;
  /**
   * Remux the fragmented MP4 into a plain one with its index at the front (`-c copy -movflags
   * +faststart`), which every player and evidence viewer opens. Default true. Without it the file
   * is init + fragments, itself a valid fragmented MP4.
   */
  faststart?: boolean;
  ffmpegPath?: string;
}

export interface EvidenceClip {
  path: string;
  /** Media duration, s (sum of the fragments' sample durations). */
  durationSec: number;
  /** Wall-clock time of the first and last fragment received, UTC epoch ms. */
  startedAt: number;
  endedAt: number;
  /** Pre-roll actually available, s (less than asked when the stream started recently). */
  preRollSec: number;
}

/**
 * Records an alarm's evidence: the pre-roll from the stream's ring buffer (starting at a keyframe)
 * plus `postRollMs` of live video. Holds a subscription while recording, so the stream stays up.
 * A restart of ffmpeg during the post-roll ends the clip early: fragments of a new run need their
 * own init segment.
 */
export async function recordEvidenceClip(supervisor: StreamSupervisor, options: EvidenceClipOptions): Promise<EvidenceClip> {
  const pre = supervisor.recentVideo(options.preRollMs);
  let init: LiveInit | undefined = pre?.init;
  const fragments: LiveFragment[] = pre ? [...pre.fragments] : [];
  const preRollSec = fragments.reduce((s, f) => s + f.durationSec, 0);
  let ended = false;

  await new Promise<void>((resolve) => {
    const finish = () => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve();
    };
    // With a pre-roll we need every fragment from now on; without one, a start at a keyframe.
    const subscription = supervisor.subscribe(
      (segment) => {
        if (ended) return;
        if (segment.kind === 'init') {
          if (init && segment.generation !== init.generation) return finish();
          init = segment;
        } else if (init && segment.generation === init.generation) {
          fragments.push(segment);
        }
      },
      { join: pre ? 'now' : 'next-keyframe' },
    );
    const timer = setTimeout(finish, options.postRollMs);
  });

  if (!init || fragments.length === 0) throw new Error(`no video from ${supervisor.label} to record`);
  const fragmented = Buffer.concat([init.data, ...fragments.map((f) => f.data)]);
  const durationSec = fragments.reduce((s, f) => s + f.durationSec, 0);
  if (options.faststart === false) {
    await writeFile(options.path, fragmented);
  } else {
    const staging = `${options.path}.fragmented.mp4`;
    await writeFile(staging, fragmented);
    try {
      const ffmpeg = options.ffmpegPath ?? locateFfmpeg().path;
      const remuxed = `${options.path}.tmp.mp4`;
      await runFfmpeg(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', staging, '-c', 'copy', '-movflags', '+faststart', '-y', remuxed], 60_000);
      await rename(remuxed, options.path);
    } finally {
      await rm(staging, { force: true });
    }
  }
  return { path: options.path, durationSec, startedAt: fragments[0]!.receivedAt, endedAt: fragments[fragments.length - 1]!.receivedAt, preRollSec };
}
