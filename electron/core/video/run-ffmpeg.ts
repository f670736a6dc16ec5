import { guardedSpawn } from './guarded-spawn.js';
import { redactUrlsInText } from './ffmpeg-args.js';

export interface FfmpegRunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a short ffmpeg job (a snapshot, a remux) to completion, guarded like the live streams so
 * it cannot outlive the core, and killed after `timeoutMs`. Rejects with ffmpeg's last stderr
 * lines (credentials masked) on a non-zero exit.
 */
export function runFfmpeg(ffmpegPath: string, args: readonly string[], timeoutMs = 15_000, maxStdoutBytes = 32 * 1024 * 1024): Promise<FfmpegRunResult> {
  return new Promise((resolve, reject) => {
    const child = guardedSpawn(ffmpegPath, args);
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: Error | undefined;
    const timer = setTimeout(() => {
      failure = new Error(`ffmpeg did not finish within ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdoutBytes) {
        failure = new Error(`ffmpeg wrote more than ${maxStdoutBytes} bytes`);
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.once('error', (error) => (failure = error));
    child.once('close', (code) => {
      clearTimeout(timer);
      const safeStderr = redactUrlsInText(stderr.trim());
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`ffmpeg exited with code ${code}: ${safeStderr.split('\n').slice(-3).join(' | ')}`));
      else resolve({ stdout: Buffer.concat(chunks), stderr: safeStderr });
    });
  });
}
