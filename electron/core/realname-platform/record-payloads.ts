/**
 * The platform's payload for one record, built when it is sent (from the registry as it is then):
 * ID and bank-card numbers are opened from the store's seal only here and leave encrypted with the
 * platform's field key (signature.ts). Field names follow the platform's connector code.
 */
import type { Database } from '../store/database.js';
import type { WorkforceStore } from '../workforce/workforce-store.js';
import type { PaySheet } from '../../common/attendance.js';
import { headPhotoFor } from './head-photo.js';
import { PLATFORM_METHODS } from './methods.js';
import { encryptField } from './signature.js';

export type Payload = { ok: true; method: string; data: Record<string, unknown> } | { ok: false; code: string; reason: string };

export interface PayloadContext {
  db: Database;
  store: WorkforceStore;
  photosDir: string;
  appSecret: string;
  /** What the platform assigned to an accepted record (a team's teamSysNo). */
  refOf: (key: string) => string | null;
}

/** 参建类型 codes of the platform's dictionary, by our company kinds. */
const CORP_TYPE: Record<string, string> = { general: '009', sub: '008', 'labour-sub': '010', supervisor: '007', owner: '001' };

const held = (reason: string): Payload => ({ ok: false, code: 'held', reason });

export async function payloadFor(key: string, ctx: PayloadContext): Promise<Payload> {
  const [kind, a, b] = key.split(':');
  const get = <T>(sql: string, ...args: unknown[]) => ctx.db.prepare(sql).get(...args) as T | undefined;
  switch (kind) {
    case 'company': {
      const c = get<{ credit_code: string; name: string; kind: string }>('SELECT credit_code, name, kind FROM wf_companies WHERE id = ?', Number(a));
      if (!c) return held('参建单位已不在花名册中');
      return { ok: true, method: PLATFORM_METHODS.company, data: { corpCode: c.credit_code, corpName: c.name, corpType: CORP_TYPE[c.kind] ?? '009' } };
    }
    case 'team': {
      const t = get<{ name: string; credit_code: string }>('SELECT t.name, c.credit_code FROM wf_teams t JOIN wf_companies c ON c.id = t.company_id WHERE t.id = ?', Number(a));
      if (!t) return held('班组已不在花名册中');
      return { ok: true, method: PLATFORM_METHODS.team, data: { corpCode: t.credit_code, teamName: t.name } };
    }
    case 'worker': {
      const w = workerOf(ctx, Number(a));
      if (!w) return held('人员已不在花名册中');
      if (w.team_id === null) return held('人员未分配班组：平台要求人员属于一个已上传的班组');
      const teamSysNo = ctx.refOf(`team:${w.team_id}`);
      if (!teamSysNo) return held('所属班组尚未被平台接收');
      const photo = await headPhotoFor(ctx.photosDir, w.photo_file);
      if (!photo.ok) return held(photo.reason);
      return {
        ok: true,
        method: PLATFORM_METHODS.worker,
        data: {
          corpCode: w.credit_code,
          teamSysNo,
          workerName: w.name,
          idCardType: '01',
          idCardNumber: encryptField(ctx.store.openIdNumber(w.id)!, ctx.appSecret),
          workType: w.trade,
          workRole: w.is_manager ? '20' : '10',
          isTeamLeader: w.role === 'team-leader' ? 1 : 0,
          cellPhone: w.phone ?? undefined,
          headImage: photo.base64,
        },
      };
    }
    case 'entry':
    case 'exit': {
      const m = get<{ worker_id: number; entered_on: string; exited_on: string | null }>('SELECT worker_id, entered_on, exited_on FROM wf_memberships WHERE id = ?', Number(a));
      if (!m || (kind === 'exit' && !m.exited_on)) return held('进退场记录已不在花名册中');
      const ids = idsOf(ctx, m.worker_id);
      if (!ids) return held('人员所属班组尚未被平台接收');
      return { ok: true, method: PLATFORM_METHODS['entry-exit'], data: { ...ids, type: kind === 'entry' ? 1 : 0, date: kind === 'entry' ? m.entered_on : m.exited_on } };
    }
    case 'att': {
      const p = get<{ worker_id: number; direction: string; at: number }>('SELECT worker_id, direction, at FROM wf_passages WHERE id = ?', Number(a));
      if (!p) return held('考勤记录已不存在');
      const ids = idsOf(ctx, p.worker_id);
      if (!ids) return held('人员所属班组尚未被平台接收');
      return { ok: true, method: PLATFORM_METHODS.attendance, data: { ...ids, date: cst(p.at), direction: p.direction === 'in' ? '01' : '02' } };
    }
    case 'pay': {
      const m = get<{ pay_json: string }>('SELECT pay_json FROM wf_attendance_months WHERE month = ?', a);
      const row = m ? (JSON.parse(m.pay_json) as PaySheet).rows.find((r) => r.membershipId === Number(b)) : undefined;
      if (!row) return held('工资记录已不存在');
      const ids = idsOf(ctx, row.workerId);
      if (!ids) return held('人员所属班组尚未被平台接收');
      const card = ctx.store.openBankCard(row.workerId);
      return {
        ok: true,
        method: PLATFORM_METHODS.pay,
        data: {
          ...ids,
          payMonth: a,
          days: row.halfDays / 2,
          totalPayAmount: ((row.amountFen ?? 0) / 100).toFixed(2),
          actualAmount: ((row.amountFen ?? 0) / 100).toFixed(2),
          payBankName: row.bankName ?? undefined,
          payBankCardNumber: card ? encryptField(card, ctx.appSecret) : undefined,
        },
      };
    }
    default:
      return held(`未知的记录 ${key}`);
  }
}

interface WorkerRowForPlatform {
  id: number;
  name: string;
  trade: string;
  is_manager: number;
  phone: string | null;
  photo_file: string | null;
  team_id: number | null;
  role: string;
  credit_code: string;
}

function workerOf(ctx: PayloadContext, workerId: number): WorkerRowForPlatform | undefined {
  return ctx.db
    .prepare(
      `SELECT w.id, w.name, w.trade, w.is_manager, w.phone, w.photo_file, m.team_id, m.role, c.credit_code
       FROM wf_workers w JOIN wf_memberships m ON m.id = (SELECT id FROM wf_memberships WHERE worker_id = w.id ORDER BY entered_on DESC, id DESC LIMIT 1)
       JOIN wf_companies c ON c.id = m.company_id WHERE w.id = ?`,
    )
    .get(workerId) as WorkerRowForPlatform | undefined;
}

/** The identifying fields every record about a worker carries. */
function idsOf(ctx: PayloadContext, workerId: number): Record<string, unknown> | null {
  const w = workerOf(ctx, workerId);
  const teamSysNo = w?.team_id != null ? ctx.refOf(`team:${w.team_id}`) : null;
  if (!w || !teamSysNo) return null;
  return { corpCode: w.credit_code, teamSysNo, idCardType: '01', idCardNumber: encryptField(ctx.store.openIdNumber(workerId)!, ctx.appSecret) };
}

/** yyyy-MM-dd HH:mm:ss in China Standard Time. */
function cst(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
