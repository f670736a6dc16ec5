import type { GateOutcome, GateReason } from '../../common/api/gates.js';

/**
 * What the turnstile's display and the console say for each outcome, Chinese first (the gate's
 * screen shows `zh`), English for logs and foreign staff. `name` is the worker's name when known.
 */
export function gateReason(outcome: GateOutcome, name: string | null, detail = ''): GateReason {
  const who = name ?? '';
  switch (outcome) {
    case 'admitted':
      return { zh: `${who} 欢迎进场`, en: `${who || 'Worker'} admitted` };
    case 'left':
      return { zh: `${who} 已出场`, en: `${who || 'Worker'} left the site` };
    case 'unknown':
      return { zh: '未登记的卡或人脸，请到劳务办公室登记', en: 'Card or face not registered: register at the labour office first' };
    case 'blacklisted':
      return { zh: `${who} 已列入黑名单，禁止进场`, en: `${who} is on the worker blacklist and may not enter` };
    case 'exited-worker':
      return { zh: `${who} 已办理退场，请到劳务办公室重新进场登记`, en: `${who} has exited the project: register a new entry at the labour office` };
    case 'no-induction':
      return { zh: `${who} 未通过三级安全教育，禁止进场`, en: `${who} has not passed the induction course (三级安全教育) and may not enter` };
    case 'duplicate':
      return { zh: '重复刷卡', en: 'Repeated event: answered as before' };
    case 'too-late':
      return {
        zh: `记录时间超过72小时，不计入考勤，请劳务员人工处理${detail}`,
        en: `the event is more than 72 h old: stored but not counted for attendance; the labour office corrects it by hand${detail}`,
      };
    case 'unknown-gate':
      return { zh: `未登记的闸机 ${detail}`, en: `gate "${detail}" is not in the site file: add it as a device of kind gate` };
    case 'clock-ahead':
      return { zh: '闸机时钟超前，请校时', en: "the gate's clock is more than 5 minutes ahead of the core's: set its clock (NTP)" };
  }
}
