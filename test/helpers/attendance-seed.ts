import type { Database } from '../../electron/core/store/database.js';
import type { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { insertPassage } from './attendance-fixtures.js';
import { testIdNumber } from './workforce-fixtures.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '志强', '海涛', '春生', '德明', '小龙', '永刚', '国庆', '红军', '文华', '宏伟', '立新'];

/**
 * A month of attendance for the console's screenshots and the e2e test: 2 subcontractors, 4
 * teams, `count` workers (daily and hourly rates, bank cards), passages on weekdays from 07:50
 * to 17:40, with a missing exit, a night shift, a single punch and a worker who joined mid-month.
 */
export function seedAttendanceMonth(db: Database, store: WorkforceStore, month: string, count = 24): { workers: number[] } {
  return store.transaction(() => {
    const a = store.createCompany({ creditCode: '91320100MA1X000001', name: '江苏华建劳务有限公司', kind: 'labour-sub' });
    const b = store.createCompany({ creditCode: '91320100MA1X000002', name: '南通恒达建筑安装公司', kind: 'sub' });
    const teams = [
      store.createTeam({ companyId: a, name: '钢筋一班' }),
      store.createTeam({ companyId: a, name: '木工二班' }),
      store.createTeam({ companyId: b, name: '水电班' }),
      store.createTeam({ companyId: b, name: '架子班' }),
    ];
    const trades = ['钢筋工', '木工', '水电工', '架子工'];
    const workers: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = i % 4;
      const id = store.createWorker({
        name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`,
        idType: 'mainland',
        idNumber: testIdNumber(1000 + i),
        trade: trades[t]!,
        bankName: '中国农业银行',
        bankCard: `6228480${String(100000000000 + i)}`,
      });
      const joined = i === count - 1 ? `${month}-16` : `${month}-01`;
      store.enter({ workerId: id, companyId: t < 2 ? a : b, teamId: teams[t]!, enteredOn: joined, wageKind: t === 2 ? 'hourly' : 'daily', wageRateFen: t === 2 ? 4_550 : 32_000 + t * 1_000 });
      workers.push(id);
      const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
      for (let d = Number(joined.slice(8, 10)); d <= days; d++) {
        const day = `${month}-${String(d).padStart(2, '0')}`;
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        if (weekday === 0 || (i + d) % 11 === 0) continue;
        const minuteIn = 50 + ((i * 7 + d) % 20);
        insertPassage(db, { workerId: id, direction: 'in', at: `${day}T07:${String(minuteIn % 60).padStart(2, '0')}:00+08:00` });
        if (i === 2 && d === 10) continue; // missing exit
        if (i === 3 && d === 12) continue; // entry only: a single punch (credited, flagged)
        insertPassage(db, { workerId: id, direction: 'out', at: `${day}T17:${String(20 + ((i + d) % 30)).padStart(2, '0')}:00+08:00` });
      }
    }
    // A night shift on the 5th for the first worker: 20:00 to 06:00 the next morning.
    insertPassage(db, { workerId: workers[0]!, direction: 'in', at: `${month}-05T20:00:00+08:00` });
    insertPassage(db, { workerId: workers[0]!, direction: 'out', at: `${month}-06T06:00:00+08:00` });
    return { workers };
  });
}
