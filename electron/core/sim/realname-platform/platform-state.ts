/**
 * SIMULATOR of the national real-name platform's published behaviour — not the platform. Holds
 * what was accepted and applies the rejections the platform documents: a head photo missing, over
 * 50 KB or not JPG/PNG; dates in the future; a team before its company; a worker before its team;
 * an entry or exit earlier than the worker's last one; a region code outside the dictionary; pay
 * for a worker not registered. ID and bank-card numbers arrive AES-encrypted and are decrypted
 * with the shared secret. Results are asynchronous: an upload answers with a request code, and the
 * result is ready after `queriesBeforeReady` queries of it.
 */
import { HEAD_PHOTO_MAX_BYTES, PLATFORM_CODES, PLATFORM_METHODS } from '../../realname-platform/methods.js';
import { decryptField } from '../../realname-platform/signature.js';
import { REGION_CODES } from './region-dictionary.js';

export interface PlatformResult {
  status: 'accepted' | 'rejected';
  code: string;
  message: string;
  /** What the platform assigned (a team's teamSysNo). */
  ref?: string;
}

/** Counters tests and the bench read. */
export interface PlatformCounters {
  calls: number;
  uploads: Record<string, number>;
  queries: number;
  accepted: number;
  rejected: number;
  /** Uploads of a business record already accepted (the same company, team, worker, entry, punch or pay line). */
  duplicates: number;
  /** Call-level errors (bad signature, stale timestamp, garbage) by code. */
  errors: Record<string, number>;
}

interface Pending {
  result: PlatformResult;
  queriesLeft: number;
}

type Check = { ok: true; key: string; accept: () => string | undefined } | { ok: false; code: string; message: string };

const DAY_MS = 86_400_000;

export class FakePlatformState {
  readonly counters: PlatformCounters = { calls: 0, uploads: {}, queries: 0, accepted: 0, rejected: 0, duplicates: 0, errors: {} };
  private readonly companies = new Set<string>();
  private readonly teams = new Map<string, { corpCode: string; name: string }>();
  private readonly teamByName = new Map<string, string>();
  private readonly workers = new Map<string, string>();
  private readonly lastEntryExit = new Map<string, string>();
  private readonly acceptedKeys = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private nextCode = 1;

  constructor(
    private readonly appSecret: string,
    private readonly projectCode: string,
    private readonly now: () => number,
    private readonly queriesBeforeReady = 1,
    private readonly regions: ReadonlySet<string> = REGION_CODES,
  ) {}

  /** Accepted workers (clear ID numbers), for tests. */
  workerIds(): string[] {
    return [...this.workers.keys()];
  }

  upload(method: string, data: Record<string, unknown>): { code: string; message: string; requestSerialCode?: string } {
    this.counters.uploads[method] = (this.counters.uploads[method] ?? 0) + 1;
    const check = this.check(method, data);
    let result: PlatformResult;
    if (check.ok) {
      if (this.acceptedKeys.has(check.key)) this.counters.duplicates++;
      this.acceptedKeys.add(check.key);
      const ref = check.accept();
      result = { status: 'accepted', code: PLATFORM_CODES.ok, message: '处理成功', ...(ref ? { ref } : {}) };
      this.counters.accepted++;
    } else {
      result = { status: 'rejected', code: check.code, message: check.message };
      this.counters.rejected++;
    }
    const code = `RQ${String(this.nextCode++).padStart(10, '0')}`;
    this.pending.set(code, { result, queriesLeft: this.queriesBeforeReady });
    return { code: PLATFORM_CODES.ok, message: '已受理', requestSerialCode: code };
  }

  /** The result of an upload: `processing` until it is ready. */
  query(requestSerialCode: unknown): { code: string; message: string; result?: PlatformResult | 'processing' } {
    this.counters.queries++;
    const p = typeof requestSerialCode === 'string' ? this.pending.get(requestSerialCode) : undefined;
    if (!p) return { code: PLATFORM_CODES.unknownRequest, message: '请求结果编号不存在' };
    if (p.queriesLeft > 0) {
      p.queriesLeft--;
      return { code: PLATFORM_CODES.ok, message: '处理中', result: 'processing' };
    }
    return { code: PLATFORM_CODES.ok, message: '查询成功', result: p.result };
  }

  private check(method: string, d: Record<string, unknown>): Check {
    if (d.projectCode !== this.projectCode) return bad(PLATFORM_CODES.fieldInvalid, '项目编码不存在');
    switch (method) {
      case PLATFORM_METHODS.company: {
        const corpCode = text(d.corpCode);
        if (!corpCode || !/^[0-9A-Z]{18}$/.test(corpCode) || !text(d.corpName)) return bad(PLATFORM_CODES.fieldInvalid, '统一社会信用代码或企业名称无效');
        return ok(`company:${corpCode}`, () => void this.companies.add(corpCode));
      }
      case PLATFORM_METHODS.team: {
        const corpCode = text(d.corpCode);
        const name = text(d.teamName);
        if (!corpCode || !name) return bad(PLATFORM_CODES.fieldInvalid, '班组名称或所属企业缺失');
        if (!this.companies.has(corpCode)) return bad(PLATFORM_CODES.companyNotUploaded, '班组所属参建单位未上传');
        const key = `${corpCode}/${name}`;
        return ok(`team:${key}`, () => {
          let sysNo = this.teamByName.get(key);
          if (!sysNo) {
            sysNo = String(100000 + this.teams.size);
            this.teams.set(sysNo, { corpCode, name });
            this.teamByName.set(key, sysNo);
          }
          return sysNo;
        });
      }
      case PLATFORM_METHODS.worker: {
        const id = this.idNumber(d.idCardNumber);
        if (!id.ok) return id;
        const team = this.teams.get(text(d.teamSysNo) ?? '');
        if (!team) return bad(PLATFORM_CODES.teamNotUploaded, '人员所属班组未上传');
        if (!text(d.workerName)) return bad(PLATFORM_CODES.fieldInvalid, '人员姓名缺失');
        const photo = photoProblem(d.headImage);
        if (photo) return photo;
        const teamSysNo = text(d.teamSysNo)!;
        return ok(`worker:${id.value}`, () => void this.workers.set(id.value, teamSysNo));
      }
      case PLATFORM_METHODS['entry-exit']: {
        const id = this.idNumber(d.idCardNumber);
        if (!id.ok) return id;
        if (!this.workers.has(id.value)) return bad(PLATFORM_CODES.payUnregistered, '人员未在项目中登记');
        const date = text(d.date);
        if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return bad(PLATFORM_CODES.fieldInvalid, '进退场日期格式错误');
        if (Date.parse(`${date}T00:00:00+08:00`) > this.now()) return bad(PLATFORM_CODES.futureDate, '进退场日期晚于当前日期');
        const last = this.lastEntryExit.get(id.value);
        if (last && date < last) return bad(PLATFORM_CODES.entryExitOrder, `进退场日期早于上一次进退场日期（${last}）`);
        return ok(`entry-exit:${id.value}:${date}:${text(d.type)}`, () => void this.lastEntryExit.set(id.value, date));
      }
      case PLATFORM_METHODS.attendance: {
        const id = this.idNumber(d.idCardNumber);
        if (!id.ok) return id;
        if (!this.workers.has(id.value)) return bad(PLATFORM_CODES.payUnregistered, '考勤人员未在项目中登记');
        const at = Date.parse(`${(text(d.date) ?? '').replace(' ', 'T')}+08:00`);
        if (!Number.isFinite(at)) return bad(PLATFORM_CODES.fieldInvalid, '考勤时间格式错误');
        if (at > this.now() + 5 * 60_000) return bad(PLATFORM_CODES.futureDate, '考勤时间晚于当前时间');
        return ok(`attendance:${id.value}:${text(d.date)}:${text(d.direction)}`, () => undefined);
      }
      case PLATFORM_METHODS.pay: {
        const id = this.idNumber(d.idCardNumber);
        if (!id.ok) return id;
        if (!this.workers.has(id.value)) return bad(PLATFORM_CODES.payUnregistered, '工资发放人员未在项目中登记');
        const month = text(d.payMonth);
        if (!month || !/^\d{4}-\d{2}$/.test(month)) return bad(PLATFORM_CODES.fieldInvalid, '工资月份格式错误');
        if (Date.parse(`${month}-01T00:00:00+08:00`) > this.now() + DAY_MS) return bad(PLATFORM_CODES.futureDate, '工资月份晚于当前月份');
        if (d.payBankCardNumber !== undefined && d.payBankCardNumber !== null) {
          try {
            decryptField(String(d.payBankCardNumber), this.appSecret);
          } catch {
            return bad(PLATFORM_CODES.idUnreadable, '银行卡号无法解密');
          }
        }
        return ok(`pay:${id.value}:${month}`, () => undefined);
      }
      default:
        return bad(PLATFORM_CODES.unknownMethod, `不支持的接口 ${method}`);
    }
  }

  private idNumber(value: unknown): { ok: true; value: string } | { ok: false; code: string; message: string } {
    let id: string;
    try {
      id = decryptField(String(value ?? ''), this.appSecret);
    } catch {
      return bad(PLATFORM_CODES.idUnreadable, '证件号码无法解密，请检查加密方式');
    }
    if (!/^\d{17}[\dX]$/.test(id)) return bad(PLATFORM_CODES.fieldInvalid, '证件号码格式错误');
    if (!this.regions.has(id.slice(0, 6))) return bad(PLATFORM_CODES.regionCode, `证件号码行政区划代码 ${id.slice(0, 6)} 不在字典中`);
    return { ok: true, value: id };
  }
}

function ok(key: string, accept: () => string | undefined): Check {
  return { ok: true, key, accept };
}

function bad(code: string, message: string): { ok: false; code: string; message: string } {
  return { ok: false, code, message };
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function photoProblem(value: unknown): { ok: false; code: string; message: string } | null {
  if (typeof value !== 'string' || value === '') return bad(PLATFORM_CODES.photoMissing, '人员头像照片缺失');
  const bytes = Buffer.from(value, 'base64');
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!jpeg && !png) return bad(PLATFORM_CODES.photoFormat, '人员头像照片格式须为 JPG 或 PNG');
  if (bytes.length > HEAD_PHOTO_MAX_BYTES) return bad(PLATFORM_CODES.photoTooLarge, `人员头像照片超过 50KB（${Math.ceil(bytes.length / 1024)}KB）`);
  return null;
}
