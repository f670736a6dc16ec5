import type { PanoramaIngestResult } from '../../common/panorama/types.js';
import { compactUtc } from '../../common/time.js';
import type { PanoramaSettings } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { Submission } from './panorama-ingest.js';

export type CaptureDeviceConfig = PanoramaSettings['devices'][number];

/** Last pull of a capture device, for the console. */
export interface DevicePullStatus {
  id: string;
  lastOkAt: number | null;
  lastError: string | null;
  lastResult: PanoramaIngestResult['status'] | 'not-modified' | null;
}

/**
 * Pulls the latest panorama from a capture device's HTTP URL every `intervalS`, with basic auth
 * (user name from the site file, password from the vault).
 * The same picture fetched twice is a duplicate (sha256) and costs nothing more; `ETag` /
 * `If-None-Match` saves the download where the device supports it. The body is read with a cap,
 * so a device cannot fill memory.
 */
export class DevicePuller {
  private timer: NodeJS.Timeout | null = null;
  private etag: string | null = null;
  private inFlight: Promise<void> | null = null;
  readonly status: DevicePullStatus;

  constructor(
    private readonly device: CaptureDeviceConfig,
    private readonly maxBytes: number,
    private readonly submit: (s: Submission) => Promise<PanoramaIngestResult>,
    private readonly log: Logger,
    /** The device's password from the vault (read at every pull, so a new one applies at once); null: none set. */
    private readonly passwordOf: () => string | null = () => null,
  ) {
    this.status = { id: device.id, lastOkAt: null, lastError: null, lastResult: null };
  }

  start(): void {
    this.timer = setInterval(() => void this.pull(), this.device.intervalS * 1000);
    this.timer.unref();
    void this.pull();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inFlight;
  }

  pull(): Promise<void> {
    this.inFlight ??= this.pullOnce().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async pullOnce(): Promise<void> {
    const headers: Record<string, string> = {};
    if (this.device.username !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${this.device.username}:${this.passwordOf() ?? ''}`).toString('base64')}`;
    }
    if (this.etag) headers['If-None-Match'] = this.etag;
    try {
      const response = await fetch(this.device.url, { headers, signal: AbortSignal.timeout(60_000), redirect: 'error' });
      if (response.status === 304) {
        this.status.lastOkAt = Date.now();
        this.status.lastResult = 'not-modified';
        this.status.lastError = null;
        return;
      }
      if (response.status === 401 || response.status === 403) throw new Error(`the device refused the credentials (HTTP ${response.status})`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = await readCapped(response, this.maxBytes);
      const name = fileNameOf(response, this.device.id);
      const result = await this.submit({ bytes, name, source: `device:${this.device.id}`, pointId: this.device.pointId ?? null, keepRejected: true });
      this.etag = response.headers.get('etag');
      this.status.lastOkAt = Date.now();
      this.status.lastResult = result.status;
      this.status.lastError = result.status === 'rejected' ? result.message : null;
    } catch (error) {
      const message = (error as Error).name === 'TimeoutError' ? 'no answer within 60 s' : (error as Error).message;
      this.status.lastError = message;
      this.log.warn('panorama device pull failed', { device: this.device.id, error: message });
    }
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error(`the panorama is ${declared} bytes, over the ${maxBytes}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`the panorama is over the ${maxBytes}-byte limit`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Name from Content-Disposition, else the device id and the time (the URL's last segment is often `latest`). */
function fileNameOf(response: Response, deviceId: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const type = response.headers.get('content-type') ?? '';
  if (m) {
    const name = decodeURIComponent(m[1]!).split(/[/\\]/).pop() ?? '';
    if (name) return name;
  }
  return `${deviceId}-${compactUtc(Date.now())}.${type.includes('png') ? 'png' : 'jpg'}`;
}
