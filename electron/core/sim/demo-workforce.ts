/**
 * The demo site's roster: a general contractor and three subcontractors, eight teams, about 120
 * people with believable trades, made-up but valid ID numbers (GB 11643 check digits) and bank
 * cards (Luhn), drawn avatars (SVG faces, no real person's), gate cards C0001…, daily wages,
 * special-operation certificates (one expiring within 30 days, one expired) and induction records
 * for all but a few. Seeded once, when the demo simulator runs and the registry is empty.
 *
 * The simulator's machines name their drivers by the id the cab's reader reports: the tower
 * cranes' `operatorId` (OP-100, OP-101, … by crane order) and the hoist's `driverId` (D-0007). The
 * drivers registered here carry those ids as their face id, so the gate and the operator checks
 * find them the way they would find a driver identified by a face reader on a real crane.
 */
import sharp from 'sharp';
import { makeGb11643 } from '../../common/id-number.js';
import type { CertificateInput, MembershipInput, WorkerInput } from '../../common/api/workforce.js';
import type { CertificateType, CompanyKind } from '../../common/workforce.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { creditCodeCheckCharacter, withLuhnDigit } from '../workforce/id-rules.js';
import { storeWorkerPhoto } from '../workforce/photo-store.js';
import type { Actor, RegistryService } from '../workforce/registry-service.js';
import { validateWorker } from '../workforce/worker-validation.js';
import { seededRandom } from './random.js';

/** The ids the simulator's machines report for their drivers, and who they are in the demo roster. */
export const DEMO_DRIVERS = {
  craneOperators: ['OP-100', 'OP-101', 'OP-102'],
  hoistDriver: 'D-0007',
} as const;

/** Gate card of demo person `n` (1-based). */
export const demoCardNo = (n: number): string => `C${String(n).padStart(4, '0')}`;

const ACTOR: Actor = { username: 'demo-roster', role: 'admin' };

interface DemoCompany {
  name: string;
  kind: CompanyKind;
  /** Region and organisation code (characters 3–17 of the credit code). */
  body: string;
}

const COMPANIES: DemoCompany[] = [
  { name: '中建示范工程局有限公司', kind: 'general', body: '110000100017263' },
  { name: '恒达建筑劳务有限公司', kind: 'labour-sub', body: '510100MA61R8QX' },
  { name: '华信机电安装工程有限公司', kind: 'sub', body: '320100MA1MB7KD' },
  { name: '宏远脚手架工程有限公司', kind: 'sub', body: '410100MA44T6HC' },
];

/** A valid unified social credit code (GB 32100-2015) for a demo company. */
function creditCode(c: DemoCompany): string {
  const first17 = `91${c.body}`.padEnd(17, '0').slice(0, 17);
  return first17 + creditCodeCheckCharacter(first17);
}

interface DemoTeam {
  name: string;
  company: number;
  trade: string;
  size: number;
  wageYuan: number;
  certificate?: CertificateType;
}

const TEAMS: DemoTeam[] = [
  { name: '钢筋班', company: 1, trade: '钢筋工', size: 22, wageYuan: 380 },
  { name: '木工班', company: 1, trade: '木工', size: 20, wageYuan: 400 },
  { name: '混凝土班', company: 1, trade: '混凝土工', size: 16, wageYuan: 350 },
  { name: '砌筑班', company: 1, trade: '砌筑工', size: 12, wageYuan: 340 },
  { name: '架子班', company: 3, trade: '架子工', size: 14, wageYuan: 420, certificate: 'scaffolder' },
  { name: '电工班', company: 2, trade: '电工', size: 8, wageYuan: 430, certificate: 'electrician' },
  { name: '焊工班', company: 2, trade: '焊工', size: 6, wageYuan: 450, certificate: 'welder' },
  { name: '塔吊班', company: 2, trade: '信号司索工', size: 8, wageYuan: 420, certificate: 'signaller-rigger' },
];

const MANAGERS: { post: string; trade: string; female?: boolean }[] = [
  { post: '项目经理', trade: '管理人员' },
  { post: '技术负责人', trade: '管理人员' },
  { post: '施工员', trade: '管理人员' },
  { post: '安全员', trade: '管理人员' },
  { post: '安全员', trade: '管理人员', female: true },
  { post: '质量员', trade: '管理人员' },
  { post: '劳务员', trade: '管理人员', female: true },
  { post: '材料员', trade: '管理人员' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向汤';
const GIVEN_MALE = ['建国', '志强', '海军', '永刚', '明', '伟', '勇', '军', '杰', '强', '磊', '洋', '超', '平', '刚', '华', '辉', '鹏', '斌', '宇', '国庆', '红军', '春生', '德明', '长江', '小龙', '金宝', '世杰', '文斌', '光明'];
const GIVEN_FEMALE = ['秀英', '桂英', '丽', '敏', '静', '芳', '艳', '娟', '红梅', '晓燕'];
/** Counties that send many workers to sites (GB/T 2260 codes). */
const REGIONS = ['510122', '411323', '341222', '430521', '520221', '421123', '360731', '500228', '512021', '412726'];
const ETHNICITIES = ['汉', '汉', '汉', '汉', '汉', '汉', '汉', '土家', '苗', '彝'];
const EDUCATION = ['小学', '初中', '初中', '初中', '高中', '中专'];
const BANKS: [string, string][] = [
  ['中国建设银行', '621700'],
  ['中国农业银行', '622848'],
  ['中国工商银行', '622202'],
  ['中国邮政储蓄银行', '621799'],
];

function dayOffset(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A drawn face: skin, hair, eyes, mouth, and the hard hat's colour for the role (white managers, red safety, yellow workers, blue special trades). */
export function avatarSvg(random: () => number, hat: string): string {
  const skins = ['#f1c7a5', '#e0ac85', '#c98e65', '#f5d0b0'];
  const backs = ['#d9e2ec', '#e3e8d8', '#ece0d8', '#dde0ee'];
  const skin = skins[Math.floor(random() * skins.length)]!;
  const back = backs[Math.floor(random() * backs.length)]!;
  const eyeY = 215 + random() * 10;
  const smile = 8 + random() * 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="358" height="441" viewBox="0 0 358 441">
  <rect width="358" height="441" fill="${back}"/>
  <path d="M60 441 Q60 330 179 320 Q298 330 298 441 Z" fill="#3f5566"/>
  <rect x="154" y="280" width="50" height="50" fill="${skin}"/>
  <ellipse cx="179" cy="220" rx="82" ry="98" fill="${skin}"/>
  <circle cx="${150 - random() * 4}" cy="${eyeY}" r="7" fill="#2b2b2b"/>
  <circle cx="${208 + random() * 4}" cy="${eyeY}" r="7" fill="#2b2b2b"/>
  <path d="M150 ${268} Q179 ${268 + smile} 208 ${268}" stroke="#8a4b3a" stroke-width="5" fill="none" stroke-linecap="round"/>
  <path d="M179 232 L172 252 L186 252" stroke="#b07a5a" stroke-width="3" fill="none"/>
  <path d="M92 170 Q100 78 179 74 Q258 78 266 170 Z" fill="${hat}"/>
  <rect x="76" y="162" width="206" height="16" rx="8" fill="${hat}"/>
  <path d="M179 76 L179 160" stroke="rgba(0,0,0,0.15)" stroke-width="8"/>
</svg>`;
}

interface DemoPerson {
  worker: WorkerInput;
  membership: Omit<MembershipInput, 'companyId' | 'teamId'> & { company: number; team: number | null };
  certificates: CertificateInput[];
  induction: boolean;
  hat: string;
}

/** The demo people, in a fixed order (the same every run: a seeded random). */
export function demoPeople(today: string): DemoPerson[] {
  const random = seededRandom(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const person = (female: boolean, trade: string, isManager: boolean, post: string | null, company: number, team: number | null, wageYuan: number, hat: string): DemoPerson => {
    let name = '';
    do name = pick([...SURNAMES]) + pick(female ? GIVEN_FEMALE : GIVEN_MALE);
    while (usedNames.has(name));
    usedNames.add(name);
    const n = people.length + 1;
    const year = isManager ? 1970 + Math.floor(random() * 25) : 1966 + Math.floor(random() * 36);
    const birth = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    // GB 11643: the sequence's last digit is odd for men, even for women.
    const sequence = 100 + Math.floor(random() * 400) * 2 + (female ? 0 : 1);
    const [bankName, bin] = pick(BANKS);
    const entered = dayOffset(today, -(5 + Math.floor(random() * 200)));
    const issued = `${2012 + Math.floor(random() * 12)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
    return {
      worker: {
        name,
        idType: 'mainland',
        idNumber: makeGb11643(pick(REGIONS), birth, sequence),
        ethnicity: pick(ETHNICITIES),
        address: '四川省成都市双流区东升街道',
        issuingAuthority: '双流县公安局',
        idValidFrom: issued,
        idValidTo: year < 1980 ? null : `${Number(issued.slice(0, 4)) + 20}${issued.slice(4)}`,
        phone: `1${pick(['38', '39', '58', '59', '87', '88', '36', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        education: isManager ? pick(['大专', '本科', '本科']) : pick(EDUCATION),
        trade,
        isManager,
        post,
        bankName,
        bankCard: withLuhnDigit(bin + String(Math.floor(random() * 1e12)).padStart(12, '0')),
        emergencyContact: pick([...SURNAMES]) + pick(GIVEN_FEMALE),
        emergencyPhone: `1${pick(['35', '37', '86', '89'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        cardNo: demoCardNo(n),
        faceId: `W${String(n).padStart(4, '0')}`,
      },
      membership: {
        company,
        team,
        role: isManager ? 'manager' : 'worker',
        enteredOn: entered,
        contractType: isManager ? 'fixed-term' : 'task',
        contractStart: entered,
        contractEnd: dayOffset(today, 120 + Math.floor(random() * 240)),
        wageKind: 'daily',
        wageRateFen: wageYuan * 100,
      },
      certificates: [],
      induction: true,
      hat,
    };
  };
  MANAGERS.forEach((m) => people.push(person(m.female ?? false, m.trade, true, m.post, 0, null, m.post === '项目经理' ? 900 : 600, m.post === '安全员' ? '#d8342c' : '#f4f4f4')));
  TEAMS.forEach((t, teamIndex) => {
    for (let i = 0; i < t.size; i++) {
      const female = t.trade === '混凝土工' && i >= t.size - 2;
      const p = person(female, t.trade, false, null, t.company, teamIndex, t.wageYuan, t.certificate ? '#2f6fd0' : '#f2c318');
      if (i === 0) p.membership.role = 'team-leader';
      if (t.certificate) p.certificates.push(certificate(t.certificate, people.length + 1, today, -300 - (i * 37) % 300, 400 + (i * 53) % 300));
      people.push(p);
    }
  });
  // The crane team: the tower-crane drivers (face id = the crane's operatorId) and the hoist driver.
  const craneTeam = TEAMS.findIndex((t) => t.name === '塔吊班');
  DEMO_DRIVERS.craneOperators.forEach((operatorId, i) => {
    const p = person(false, '塔式起重机司机', false, null, 2, craneTeam, 480, '#2f6fd0');
    p.worker.faceId = operatorId;
    // OP-101's certificate runs out within 30 days: the expiry list shows it, the crane still may run.
    p.certificates.push(certificate('tower-crane-driver', people.length + 1, today, -700 + i * 10, i === 1 ? 18 : 300 + i * 40));
    people.push(p);
  });
  const hoist = person(false, '施工升降机司机', false, null, 2, craneTeam, 450, '#2f6fd0');
  hoist.worker.faceId = DEMO_DRIVERS.hoistDriver;
  hoist.certificates.push(certificate('hoist-driver', people.length + 1, today, -500, 230));
  people.push(hoist);
  // One electrician's certificate has expired: the certificate list shows it in red.
  const electrician = people.find((p) => p.worker.trade === '电工' && p.membership.role !== 'team-leader');
  if (electrician) electrician.certificates[0] = { ...electrician.certificates[0]!, validFrom: dayOffset(today, -740), validTo: dayOffset(today, -9) };
  // A few recent arrivals have not passed the induction yet (三级安全教育).
  for (const index of [30, 57, 88, 101]) if (people[index]) people[index]!.induction = false;
  return people;
}

function certificate(type: CertificateType, n: number, today: string, fromDays: number, toDays: number): CertificateInput {
  const prefix = { 'tower-crane-driver': 'T', 'hoist-driver': 'S', electrician: 'D', scaffolder: 'J', welder: 'H', 'signaller-rigger': 'X' }[type as string] ?? 'Q';
  return { type, number: `川建安${prefix}${String(2024000 + n * 7).padStart(8, '0')}`, issuer: '四川省住房和城乡建设厅', validFrom: dayOffset(today, fromDays), validTo: dayOffset(today, toDays) };
}

/** Seeds the demo roster at start when the registry is empty (a demo core only). */
export class DemoWorkforceSeeder implements Service {
  readonly name = 'demo-roster';
  readonly required = false;

  constructor(
    private readonly registry: RegistryService,
    private readonly photosDir: string,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.registry.queries.counts().registered > 0) return;
    const today = this.registry.today();
    const people = demoPeople(today);
    const store = this.registry.store;
    const ids = store.transaction(() => {
      const companyIds = COMPANIES.map((c) => store.createCompany({ creditCode: creditCode(c), name: c.name, kind: c.kind, contact: '办公室', phone: '02885550000' }));
      const teamIds = TEAMS.map((t) => store.createTeam({ companyId: companyIds[t.company]!, name: t.name }));
      return people.map((p) => {
        const { company, team, ...membership } = p.membership;
        // Through the registry's own rules: gender and birth date are read from the ID number.
        const { worker } = validateWorker(p.worker, today);
        const id = this.registry.write(ACTOR, worker, { ...membership, companyId: companyIds[company]!, teamId: team === null ? null : teamIds[team]! }, p.certificates, 'demo');
        if (p.membership.role === 'team-leader' && team !== null) store.setTeamLeader(teamIds[team]!, id);
        if (p.induction) {
          store.addTrainingRecord({ workerId: id, courseId: null, kind: 'induction', title: '三级安全教育（公司级、项目级、班组级）', hours: 24, passed: true, score: 80 + (id % 20), at: Date.parse(`${p.membership.enteredOn}T09:00:00+08:00`), source: 'office' });
        }
        return id;
      });
    });
    const random = seededRandom(7);
    for (let i = 0; i < people.length; i++) {
      const png = await sharp(Buffer.from(avatarSvg(random, people[i]!.hat))).png().toBuffer();
      const photo = await storeWorkerPhoto(this.photosDir, ids[i]!, png);
      if (photo.ok) this.registry.queries.setPhoto(ids[i]!, photo.file, Date.now());
    }
    this.log.info('demo roster seeded', { workers: people.length, companies: COMPANIES.length, teams: TEAMS.length });
  }

  async stop(): Promise<void> {}
}
