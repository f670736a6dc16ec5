import type { StatExport } from '../../../../electron/common/statistics.js';

/** Saves an exported table (base64 from the API) as a file through a temporary link. */
export function saveExport(file: StatExport): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
