import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export interface FfmpegLocation {
  path: string;
  /** Where it was found, for the log and the diagnostics screen. */
  source: 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';
}

export class FfmpegNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `ffmpeg was not found (${detail}). Install it (Debian/Ubuntu: sudo apt-get install ffmpeg), ` +
        'or set FFMPEG_PATH to an ffmpeg executable.',
    );
    this.name = 'FfmpegNotFoundError';
  }
}

/**
 * Finds ffmpeg: `FFMPEG_PATH` first (an operator's explicit choice), then the binary shipped by
 * the optional ffmpeg-static package (what a packaged app carries), then `ffmpeg` on PATH.
 */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env, loadStatic: () => string | null = ffmpegStaticPath): FfmpegLocation {
  const explicit = env.FFMPEG_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'FFMPEG_PATH' };
    throw new FfmpegNotFoundError(`FFMPEG_PATH is set to ${explicit}, which is not an executable file`);
  }
  const bundled = loadStatic();
  if (bundled && isExecutable(bundled)) return { path: bundled, source: 'ffmpeg-static' };
  const onPath = findOnPath('ffmpeg', env.PATH ?? '');
  if (onPath) return { path: onPath, source: 'PATH' };
  throw new FfmpegNotFoundError('not in FFMPEG_PATH, not bundled by ffmpeg-static, not on PATH');
}

function ffmpegStaticPath(): string | null {
  try {
    // ffmpeg-static is optional: its install script downloads the binary, which fails offline.
    const found = createRequire(import.meta.url)('ffmpeg-static') as unknown;
    return typeof found === 'string' ? found.replace('app.asar', 'app.asar.unpacked') : null;
  } catch {
    return null;
  }
}

export function findOnPath(name: string, pathVariable: string): string | null {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
