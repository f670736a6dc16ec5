import { WORKFORCE_RAW_PATHS, type ImportReport } from '../../../../../electron/common/api/workforce.js';
import { coreOrigin } from '../../../video/session-token.js';

/** The registry's raw routes (files, not JSON calls): the token goes in the Authorization header, never the URL. */
function url(path: string): URL {
  return new URL(path, coreOrigin() ?? window.location.href);
}

async function failure(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return new Error(body?.error ?? `HTTP ${response.status}`);
}

export async function uploadPhoto(token: string, workerId: number, file: Blob): Promise<void> {
  const response = await fetch(url(WORKFORCE_RAW_PATHS.photo(workerId)), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: file });
  if (!response.ok) throw await failure(response);
}

export async function importFile(token: string, file: File, mode: 'preview' | 'commit'): Promise<ImportReport> {
  const format = /\.csv$/i.test(file.name) ? 'csv' : 'xlsx';
  const response = await fetch(url(`${WORKFORCE_RAW_PATHS.import}?format=${format}&mode=${mode}`), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: file });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ImportReport;
}

/** Fetches a file with the session token and hands it to the browser as a download. */
export async function download(token: string, path: string, name: string): Promise<void> {
  const response = await fetch(url(path), { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
