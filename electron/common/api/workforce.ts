/**
 * The real-name registry's part of the contract (建市〔2019〕18号 real-name management):
 * participating companies, teams, workers with their project membership, certificates, office
 * training records, conduct records and the worker blacklist. ID and bank-card numbers travel
 * masked; `revealWorkerNumbers` is the only way to the clear numbers, for the roles the permission
 * table allows, and every reveal is written to the audit chain.
 */
import type { CertificateType, CompanyKind, ContractType, CourseKind, IdType, WageKind } from '../workforce.js';
import { WORKFORCE_PERMISSIONS } from '../workforce-permissions.js';
import type { RouteSpec } from './route-spec.js';

/** A participating company (参建单位) with how many of its workers are on the project now. */
export interface CompanyView {
  id: number;
  creditCode: string;
  name: string;
  kind: CompanyKind;
  contact: string | null;
  phone: string | null;
  /** Workers with an open membership in this company. */
  activeWorkers: number;
}

/** A team (班组) and its leader. */
export interface TeamView {
  id: number;
  companyId: number;
  companyName: string;
  name: string;
  leaderWorkerId: number | null;
  leaderName: string | null;
  activeWorkers: number;
}

/** Who a worker is, as given at registration (numbers in clear; sealed by the core). */
export interface WorkerInput {
  name: string;
  idType: IdType;
  idNumber: string;
  gender?: 'M' | 'F' | null;
  ethnicity?: string | null;
  /** YYYY-MM-DD; for a mainland ID, taken from the number when absent and checked against it when given. */
  birthDate?: string | null;
  address?: string | null;
  issuingAuthority?: string | null;
  idValidFrom?: string | null;
  /** null: long-term (长期). */
  idValidTo?: string | null;
  /** Mainland mobile (11 digits). */
  phone?: string | null;
  education?: string | null;
  /** 工种, e.g. 钢筋工, 塔吊司机. */
  trade: string;
  isManager?: boolean;
  /** A manager's post (项目经理, 安全员…). */
  post?: string | null;
  bankName?: string | null;
  /** 12–19 digits, Luhn-checked. */
  bankCard?: string | null;
  emergencyContact?: string | null;
  emergencyPhone?: string | null;
  /** Gate IC card number. */
  cardNo?: string | null;
  /** Face template id the turnstiles report. */
  faceId?: string | null;
}

/** Fields of a registered worker that may be changed (the ID type and number may not: exit and register anew). */
export type WorkerChanges = Partial<Omit<WorkerInput, 'idType' | 'idNumber'>>;

/** A stint on the project: company, team, role, entry date, labour contract and wage. */
export interface MembershipInput {
  companyId: number;
  teamId?: number | null;
  role?: 'worker' | 'manager' | 'team-leader';
  /** YYYY-MM-DD, not in the future. */
  enteredOn: string;
  contractType?: ContractType | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  wageKind?: WageKind | null;
  /** Per day or per hour, in fen (分). */
  wageRateFen?: number | null;
}

export interface CertificateInput {
  type: CertificateType;
  number: string;
  issuer?: string | null;
  validFrom: string;
  validTo: string;
  reviewDate?: string | null;
}

/** A worker in the list: numbers masked, pay only for the roles that may see it. */
export interface WorkerSummary {
  id: number;
  name: string;
  idType: IdType;
  idMasked: string;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  trade: string;
  isManager: boolean;
  post: string | null;
  cardNo: string | null;
  faceId: string | null;
  hasPhoto: boolean;
  /** The open stint's company and team; null when the worker has exited. */
  companyId: number | null;
  companyName: string | null;
  teamId: number | null;
  teamName: string | null;
  enteredOn: string | null;
  /** Whether the worker has an open membership (registered on the project, not exited). */
  active: boolean;
  blacklisted: boolean;
}

export interface MembershipView {
  id: number;
  companyId: number;
  companyName: string;
  teamId: number | null;
  teamName: string | null;
  role: 'worker' | 'manager' | 'team-leader';
  enteredOn: string;
  exitedOn: string | null;
  contractType: ContractType | null;
  contractStart: string | null;
  contractEnd: string | null;
  /** null for roles that may not see pay (permission table's `seePay`). */
  wageKind: WageKind | null;
  wageRateFen: number | null;
}

export interface CertificateView extends CertificateInput {
  id: number;
  workerId: number;
  issuer: string | null;
  reviewDate: string | null;
}

export interface TrainingRecordView {
  id: number;
  workerId: number;
  courseId: number | null;
  kind: CourseKind;
  title: string;
  hours: number;
  passed: boolean;
  score: number | null;
  at: number;
  source: 'exam' | 'office';
}

export interface ConductView {
  id: number;
  workerId: number;
  kind: 'good' | 'bad';
  at: number;
  text: string;
  by: string;
}

/** One row of the registry's change log (ID and bank numbers masked in before/after). */
export interface WorkerChangeView {
  id: number;
  at: number;
  actor: string;
  actorRole: string;
  entity: string;
  entityId: number | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** Everything about one worker, for the detail page. */
export interface WorkerDetail extends WorkerSummary {
  ethnicity: string | null;
  address: string | null;
  issuingAuthority: string | null;
  idValidFrom: string | null;
  idValidTo: string | null;
  education: string | null;
  bankName: string | null;
  bankCardMasked: string | null;
  emergencyContact: string | null;
  emergencyPhone: string | null;
  /** `<img src>` with a short-lived media ticket, or null without a photo. */
  photoUrl: string | null;
  memberships: MembershipView[];
  certificates: CertificateView[];
  training: TrainingRecordView[];
  conduct: ConductView[];
  changes: WorkerChangeView[];
  blacklistReason: string | null;
}

export interface WorkerQuery {
  companyId?: number;
  teamId?: number;
  trade?: string;
  /** 'active': with an open membership; 'exited': without one. */
  status?: 'active' | 'exited' | 'all';
  /** A name (substring), or an exact ID number (found by its keyed hash), or a gate card number. */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface WorkerPage {
  total: number;
  rows: WorkerSummary[];
}

/** The clear numbers, for the roles that may reveal them (each reveal is audited). */
export interface RevealedNumbers {
  workerId: number;
  idNumber: string;
  bankCard: string | null;
}

export interface WorkerBlacklistEntry {
  id: number;
  workerId: number | null;
  workerName: string | null;
  idMasked: string | null;
  reason: string;
  addedAt: number;
  addedBy: string;
}

/** What every role may see, the viewer included: counts, no names. */
export interface RosterCounts {
  registered: number;
  active: number;
  managers: number;
  companies: number;
  teams: number;
}

/** The registry's methods. */
export interface WorkforceRegistryApi {
  getRosterCounts(): Promise<RosterCounts>;
  listCompanies(): Promise<CompanyView[]>;
  createCompany(request: { creditCode: string; name: string; kind: CompanyKind; contact?: string | null; phone?: string | null }): Promise<CompanyView>;
  updateCompany(request: { id: number; name?: string; kind?: CompanyKind; contact?: string | null; phone?: string | null }): Promise<CompanyView>;
  listTeams(request?: { companyId?: number }): Promise<TeamView[]>;
  createTeam(request: { companyId: number; name: string; leaderWorkerId?: number | null }): Promise<TeamView>;
  updateTeam(request: { id: number; name?: string; leaderWorkerId?: number | null }): Promise<TeamView>;
  listWorkers(query?: WorkerQuery): Promise<WorkerPage>;
  getWorker(request: { id: number }): Promise<WorkerDetail>;
  /** The person, their membership and certificates in one transaction; refused whole on any problem. */
  registerWorker(request: { worker: WorkerInput; membership: MembershipInput; certificates?: CertificateInput[] }): Promise<WorkerDetail>;
  updateWorker(request: { id: number; changes: WorkerChanges }): Promise<WorkerDetail>;
  /** 退场: ends the open membership on `exitedOn`. */
  exitWorker(request: { id: number; exitedOn: string; reason?: string }): Promise<WorkerDetail>;
  /** 再次进场: a new membership for a worker who has exited. */
  reenterWorker(request: { id: number; membership: MembershipInput }): Promise<WorkerDetail>;
  revealWorkerNumbers(request: { id: number }): Promise<RevealedNumbers>;
  addWorkerCertificate(request: { workerId: number; certificate: CertificateInput }): Promise<CertificateView>;
  listWorkerCertificates(request: { workerId: number }): Promise<CertificateView[]>;
  /** A training record entered by the office (paper induction, outside course). */
  addOfficeTraining(request: { workerId: number; kind: CourseKind; title: string; hours: number; passed: boolean; score?: number | null; on: string }): Promise<TrainingRecordView>;
  listWorkerTraining(request: { workerId: number }): Promise<TrainingRecordView[]>;
  addWorkerConduct(request: { workerId: number; kind: 'good' | 'bad'; text: string }): Promise<ConductView>;
  listWorkerConduct(request: { workerId: number }): Promise<ConductView[]>;
  listWorkerBlacklist(): Promise<WorkerBlacklistEntry[]>;
  /** Blacklists a registered worker (by the ID's keyed hash: they cannot register again). */
  blacklistWorker(request: { workerId: number; reason: string }): Promise<WorkerBlacklistEntry>;
  unblacklistWorker(request: { id: number; reason?: string }): Promise<{ ok: true }>;
  listWorkerChanges(request?: { workerId?: number; limit?: number }): Promise<WorkerChangeView[]>;
}

const P = WORKFORCE_PERMISSIONS;

export const WORKFORCE_REGISTRY_ROUTES = {
  getRosterCounts: { verb: 'GET', path: '/api/workforce/counts', auth: true },
  listCompanies: { verb: 'GET', path: '/api/workforce/companies', auth: true, roles: P.readRegistry },
  createCompany: { verb: 'POST', path: '/api/workforce/companies', auth: true, roles: P.writeRegistry },
  updateCompany: { verb: 'POST', path: '/api/workforce/companies/:id', auth: true, roles: P.writeRegistry },
  listTeams: { verb: 'GET', path: '/api/workforce/teams', auth: true, roles: P.readRegistry },
  createTeam: { verb: 'POST', path: '/api/workforce/teams', auth: true, roles: P.writeRegistry },
  updateTeam: { verb: 'POST', path: '/api/workforce/teams/:id', auth: true, roles: P.writeRegistry },
  listWorkers: { verb: 'GET', path: '/api/workforce/workers', auth: true, roles: P.readRegistry },
  registerWorker: { verb: 'POST', path: '/api/workforce/workers', auth: true, roles: P.writeRegistry },
  getWorker: { verb: 'GET', path: '/api/workforce/workers/:id', auth: true, roles: P.readRegistry },
  updateWorker: { verb: 'POST', path: '/api/workforce/workers/:id', auth: true, roles: P.writeRegistry },
  exitWorker: { verb: 'POST', path: '/api/workforce/workers/:id/exit', auth: true, roles: P.writeRegistry },
  reenterWorker: { verb: 'POST', path: '/api/workforce/workers/:id/reenter', auth: true, roles: P.writeRegistry },
  revealWorkerNumbers: { verb: 'POST', path: '/api/workforce/workers/:id/reveal', auth: true, roles: P.revealNumbers },
  addWorkerCertificate: { verb: 'POST', path: '/api/workforce/workers/:workerId/certificates', auth: true, roles: P.writeRegistry },
  listWorkerCertificates: { verb: 'GET', path: '/api/workforce/workers/:workerId/certificates', auth: true, roles: P.readRegistry },
  addOfficeTraining: { verb: 'POST', path: '/api/workforce/workers/:workerId/training', auth: true, roles: P.writeTraining },
  listWorkerTraining: { verb: 'GET', path: '/api/workforce/workers/:workerId/training', auth: true, roles: P.readRegistry },
  addWorkerConduct: { verb: 'POST', path: '/api/workforce/workers/:workerId/conduct', auth: true, roles: P.writeConduct },
  listWorkerConduct: { verb: 'GET', path: '/api/workforce/workers/:workerId/conduct', auth: true, roles: P.readRegistry },
  listWorkerBlacklist: { verb: 'GET', path: '/api/workforce/blacklist', auth: true, roles: P.readRegistry },
  blacklistWorker: { verb: 'POST', path: '/api/workforce/blacklist', auth: true, roles: P.writeRegistry },
  unblacklistWorker: { verb: 'POST', path: '/api/workforce/blacklist/:id/remove', auth: true, roles: P.writeRegistry },
  listWorkerChanges: { verb: 'GET', path: '/api/workforce/changes', auth: true, roles: P.readRegistry },
} as const satisfies Record<keyof WorkforceRegistryApi, RouteSpec>;

/** Raw (non-JSON) routes of the registry: their bodies are files, so they sit beside the contract. */
export const WORKFORCE_RAW_PATHS = {
  /** POST, body = JPEG or PNG bytes; GET of the stored photo is through `photoUrl` (a media ticket). */
  photo: (workerId: number) => `/api/workforce/workers/${workerId}/photo`,
  photoFile: '/api/workforce/photos/',
  /** POST `?format=xlsx|csv&mode=preview|commit`, body = the file. */
  import: '/api/workforce/import',
  /** GET `?format=xlsx|csv`. */
  importTemplate: '/api/workforce/import-template',
  /** GET `?format=xlsx|csv`: the roster, numbers masked unless the caller may reveal them. */
  export: '/api/workforce/export',
} as const;

/** Largest head photo accepted for upload (it is normalised to a JPEG of at most 50 KB). */
export const PHOTO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** The national platform refuses head photos over 50 KB. */
export const PHOTO_STORED_MAX_BYTES = 50 * 1024;
/** Largest import file accepted. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Most data rows in one import file. */
export const IMPORT_MAX_ROWS = 50_000;

/** One row's fate in an import report. */
export interface ImportRowReport {
  /** The row number as the spreadsheet shows it (1-based, header included). */
  row: number;
  name: string | null;
  idMasked: string | null;
  status: 'taken' | 'refused';
  problems: { field: string; column: string; reason: string; key: string }[];
}

/** The import's answer, for preview and commit alike. */
export interface ImportReport {
  mode: 'preview' | 'commit';
  format: 'xlsx' | 'csv';
  rows: number;
  taken: number;
  refused: number;
  /** Whether the good rows were written (commit only). */
  committed: boolean;
  companiesCreated: string[];
  teamsCreated: string[];
  report: ImportRowReport[];
}
