/**
 * The real-name workforce vocabulary both the core and the UIs use, after the national real-name
 * platform's data standard (建市〔2019〕18号, revised 建市〔2022〕59号): ProjectMaster,
 * SubContractor/ProjectSubContractor (参建单位), TeamMaster/TeamMember (班组), WorkerMaster and
 * ProjectWorker (人员、进退场), PersonalCertifications (特种作业证书), ProjectTraining,
 * WorkerAttendance, PayRoll/PayRollDetail, good and bad records, blacklists.
 */

/** Kinds of identity document a worker registers with (GB 11643 for mainland residents). */
export const ID_TYPES = ['mainland', 'hk-macao-tw-residence', 'hk-macao-permit', 'taiwan-permit', 'passport', 'foreign-permanent'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** 参建类型: how a company takes part in the project. */
export const COMPANY_KINDS = ['general', 'sub', 'labour-sub', 'supervisor', 'owner'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];

/**
 * Special-operation certificates (特种作业操作资格证书, 建质〔2008〕75号): the kinds a site checks
 * before someone drives a crane or hoist, signals, installs or works on power.
 */
export const CERTIFICATE_TYPES = [
  'tower-crane-driver', // 塔式起重机司机
  'hoist-driver', // 施工升降机司机
  'material-lift-driver', // 物料提升机司机
  'signaller-rigger', // 信号司索工
  'crane-installer', // 起重机械安装拆卸工
  'gondola-installer', // 高处作业吊篮安装拆卸工
  'electrician', // 建筑电工
  'scaffolder', // 建筑架子工
  'welder', // 焊工 (应急管理部 特种作业)
  'other',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** Which certificate a machine's driver must hold (a crane's operatorId, a hoist's driverId). */
export const DRIVER_CERTIFICATE: { readonly crane: CertificateType; readonly hoist: CertificateType } = {
  crane: 'tower-crane-driver',
  hoist: 'hoist-driver',
};

/** Special-operation certificates are valid 2 years; review is applied for within 3 months of expiry. */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

/** Labour contract kinds (劳动合同类型). */
export const CONTRACT_TYPES = ['fixed-term', 'task', 'open-ended', 'other'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** How pay is reckoned from attendance: per day worked or per hour. Amounts are in fen (分). */
export const WAGE_KINDS = ['daily', 'hourly'] as const;
export type WageKind = (typeof WAGE_KINDS)[number];

/** Training course kinds: 三级安全教育 (induction, required before entry), 班前讲话, special topics. */
export const COURSE_KINDS = ['induction', 'pre-shift', 'topic'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

/** A gate passage's direction. */
export type PassageDirection = 'in' | 'out';

/** How a turnstile knew the person: IC card, face template, or ID card read at the gate. */
export const CREDENTIAL_KINDS = ['card', 'face', 'id-card', 'worker'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * What the core made of a gate passage (stored with it; the turnstile is told whether to open).
 * `too-late`: reported more than GATE_LATE_LIMIT_MS after it happened; stored for the record but
 * refused (it moves neither the headcount nor attendance; the office corrects by hand).
 */
export const PASSAGE_OUTCOMES = ['admitted', 'left', 'unknown', 'blacklisted', 'exited-worker', 'no-induction', 'duplicate', 'too-late'] as const;
export type PassageOutcome = (typeof PASSAGE_OUTCOMES)[number];

/**
 * The source named on alarms that belong to the workforce as a whole rather than to one device
 * (a certificate expired on a worker on the project); the console shows it as 劳务实名.
 */
export const WORKFORCE_ALARM_SOURCE = 'workforce';

/** Good and bad conduct records (良好行为记录、不良行为记录). */
export type ConductKind = 'good' | 'bad';

/**
 * An ID or bank-card number as shown to roles that may not see it whole: first 3 and last 4
 * characters kept (e.g. `110***********123X`), so staff can still tell two people apart.
 */
export function maskNumber(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
