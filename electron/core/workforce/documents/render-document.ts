import type { Ledger, PaySheet } from '../../../common/attendance.js';
import { ledgerPdf } from './ledger-pdf.js';
import { ledgerXlsx } from './ledger-xlsx.js';
import { payrollPdf } from './payroll-pdf.js';
import { payrollXlsx } from './payroll-xlsx.js';
import type { Progress } from './xlsx-layout.js';

/** What a document worker is asked to make (plain data: it crosses the thread boundary). */
export type DocumentRequest =
  | { kind: 'ledger'; format: 'xlsx' | 'pdf'; ledger: Ledger; generatedAt: string }
  | { kind: 'pay'; format: 'xlsx' | 'pdf'; pay: PaySheet; generatedAt: string };

/** Renders one document to bytes (pure but for the font file read). */
export function renderDocument(request: DocumentRequest, onProgress?: Progress): Promise<Buffer> {
  if (request.kind === 'ledger') return request.format === 'xlsx' ? ledgerXlsx(request.ledger, request.generatedAt, onProgress) : ledgerPdf(request.ledger, request.generatedAt, onProgress);
  return request.format === 'xlsx' ? payrollXlsx(request.pay, request.generatedAt, onProgress) : payrollPdf(request.pay, request.generatedAt, onProgress);
}
