import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { ReportFileInfo } from '../../../common/reports.js';
import type { Progress } from '../../workforce/documents/xlsx-layout.js';
import type { ReportDocument } from './report-document.js';
import { reportPdf } from './report-pdf.js';
import { reportXlsx } from './report-xlsx.js';

/** Where the files go: absolute path (without extension) and the path under DATA/reports to record. */
export interface RenderTarget {
  /** Absolute path without the extension. */
  base: string;
  /** Path under DATA/reports without the extension. */
  relative: string;
}

/**
 * Renders the PDF and the XLSX, each written under a temporary name (`.part`) and renamed only
 * when both are whole, so a failed or interrupted report never leaves a half file to be listed
 * or downloaded.
 */
export async function renderReportFiles(d: ReportDocument, target: RenderTarget, onProgress: Progress = () => undefined): Promise<ReportFileInfo[]> {
  const parts: string[] = [];
  try {
    const out: Array<{ format: 'pdf' | 'xlsx'; bytes: Buffer }> = [];
    out.push({ format: 'pdf', bytes: await reportPdf(d, (f) => onProgress(f * 0.6)) });
    out.push({ format: 'xlsx', bytes: await reportXlsx(d, (f) => onProgress(0.6 + f * 0.4)) });
    for (const o of out) {
      const part = `${target.base}.${o.format}.part`;
      writeFileSync(part, o.bytes);
      parts.push(part);
    }
    const files = out.map((o) => ({ format: o.format, file: `${target.relative}.${o.format}`, bytes: o.bytes.length, sha256: createHash('sha256').update(o.bytes).digest('hex') }));
    for (const o of out) renameSync(`${target.base}.${o.format}.part`, `${target.base}.${o.format}`);
    return files;
  } catch (error) {
    for (const p of parts) rmSync(p, { force: true });
    throw error;
  }
}
