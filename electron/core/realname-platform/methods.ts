/**
 * What is uploaded to the national real-name platform and in what order. The platform's data
 * standard (建市〔2019〕18号, revised 建市〔2022〕59号) names the objects; its OpenAPI takes them
 * in dependency order: a participating company (SubContractor/ProjectSubContractor) before its
 * teams (TeamMaster), a team before its members (ProjectWorker/TeamMember), a worker before their
 * entries and exits (EntryExitHistory), attendance (WorkerAttendance) and pay (PayRoll/PayRollDetail).
 */
import type { RealnameRecordKind } from '../../common/api/realname-platform.js';

/** API names per record kind, as the platform's connector code calls them. */
export const PLATFORM_METHODS: Readonly<Record<RealnameRecordKind, string>> = {
  company: 'ProjectSubContractor.Add',
  team: 'Team.Add',
  worker: 'ProjectWorker.Add',
  'entry-exit': 'WorkerEntryExit.Add',
  attendance: 'WorkerAttendance.Add',
  pay: 'Payroll.Add',
};

/** The asynchronous result of an upload, by the request code the upload answered with. */
export const QUERY_METHOD = 'AsyncHandleResult.Query';

/** API version every call names. */
export const PLATFORM_API_VERSION = '1.0';

/** Upload order: a kind is sent only after every kind before it that a record depends on is accepted. */
export const UPLOAD_ORDER: readonly RealnameRecordKind[] = ['company', 'team', 'worker', 'entry-exit', 'attendance', 'pay'];

/** Codes of the platform's answers (the simulator's; the real platform's list comes with its document). */
export const PLATFORM_CODES = {
  ok: '0',
  malformed: '1001',
  missingParam: '1002',
  badAppId: '1003',
  badSign: '1004',
  staleTimestamp: '1005',
  unknownMethod: '1006',
  badData: '1007',
  unknownRequest: '1008',
  tooLarge: '1009',
  photoMissing: '2001',
  photoTooLarge: '2002',
  photoFormat: '2003',
  futureDate: '2004',
  teamNotUploaded: '2005',
  companyNotUploaded: '2006',
  entryExitOrder: '2007',
  regionCode: '2008',
  idUnreadable: '2009',
  payUnregistered: '2010',
  fieldInvalid: '2011',
} as const;

/** Call-level codes that mean our credentials or clock are wrong, not the record: retry later, never mark a record rejected. */
export const CREDENTIAL_CODES: ReadonlySet<string> = new Set([PLATFORM_CODES.badAppId, PLATFORM_CODES.badSign, PLATFORM_CODES.staleTimestamp]);

/** Head photos: JPG or PNG of at most 50 KB (51,200 bytes), as the platform requires. */
export const HEAD_PHOTO_MAX_BYTES = 50 * 1024;
