import { ApiError } from '../../../electron/common/api/errors.js';
import type { WorkerLanguage, WorkerStrings } from './strings.js';

/** The core's refusals are English sentences; a worker reads them in Chinese first. */
const ZH: [RegExp, string][] = [
  [/already been used/, '该验证码已经用过，请到劳务办重新领取。'],
  [/code has expired/, '验证码已过期，请到劳务办重新领取。'],
  [/wrong code/, '验证码不对，请核对 6 位数字。'],
  [/do not match/, '身份证号和手机号与登记信息不符，请核对，或到劳务办领取验证码。'],
  [/too many/, '尝试次数过多，请 15 分钟后再试，或到劳务办领取验证码。'],
  [/time is up/, '时间到，已按截止时的答案评分。'],
  [/no attempts left/, '考试次数已用完，请联系劳务办。'],
  [/already passed/, '您已通过该课程。'],
  [/no questions/, '该课程还没有题目，请联系劳务办。'],
  [/identify first/, '请先验证身份。'],
];

export function errorText(error: unknown, lang: WorkerLanguage, s: WorkerStrings): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.message === 'network') return s.network;
  if (lang === 'en') return error.message;
  return ZH.find(([pattern]) => pattern.test(error.message))?.[1] ?? error.message;
}
