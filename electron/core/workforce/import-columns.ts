/**
 * The columns of the roster file (import template, export), by their Chinese headers as site
 * offices and the subcontractors' lists name them, after the national platform's worker fields.
 * Column order is free: the header row is found by these names.
 */
import type { ContractType, IdType, WageKind } from '../../common/workforce.js';

export interface RosterColumn {
  header: string;
  /** The registration field it fills (the report names the column by its header). */
  field: string;
  required: boolean;
  /** A note for the template's notes sheet. */
  note: string;
  example: string;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { header: '姓名', field: 'name', required: true, note: '与证件一致', example: '张三' },
  { header: '证件类型', field: 'idType', required: false, note: '居民身份证(默认)/港澳台居民居住证/港澳居民来往内地通行证/台湾居民来往大陆通行证/护照/外国人永久居留身份证', example: '居民身份证' },
  { header: '证件号码', field: 'idNumber', required: true, note: '请将此列设为文本格式，否则Excel会把18位号码改坏', example: '110101199003071234' },
  { header: '性别', field: 'gender', required: false, note: '男/女；身份证号码可推出，填写时须一致', example: '男' },
  { header: '民族', field: 'ethnicity', required: false, note: '', example: '汉' },
  { header: '出生日期', field: 'birthDate', required: false, note: 'YYYY-MM-DD；须与身份证号码一致', example: '1990-03-07' },
  { header: '住址', field: 'address', required: false, note: '', example: '北京市东城区东华门街道1号' },
  { header: '发证机关', field: 'issuingAuthority', required: false, note: '', example: '北京市公安局东城分局' },
  { header: '证件有效期起', field: 'idValidFrom', required: false, note: 'YYYY-MM-DD', example: '2015-06-01' },
  { header: '证件有效期止', field: 'idValidTo', required: false, note: 'YYYY-MM-DD 或 长期', example: '2035-06-01' },
  { header: '手机号码', field: 'phone', required: false, note: '11位手机号', example: '13800138000' },
  { header: '文化程度', field: 'education', required: false, note: '', example: '初中' },
  { header: '工种', field: 'trade', required: true, note: '如 钢筋工、木工、架子工、电工、塔吊司机', example: '钢筋工' },
  { header: '是否管理人员', field: 'isManager', required: false, note: '是/否', example: '否' },
  { header: '岗位', field: 'post', required: false, note: '管理人员必填，如 项目经理、安全员', example: '' },
  { header: '参建单位', field: 'companyName', required: true, note: '单位全称；新单位自动创建', example: '示例劳务有限公司' },
  { header: '统一社会信用代码', field: 'creditCode', required: true, note: '18位，GB 32100-2015 校验', example: '91110000600037341L' },
  { header: '班组', field: 'teamName', required: false, note: '新班组自动创建', example: '钢筋一班' },
  { header: '进场日期', field: 'enteredOn', required: true, note: 'YYYY-MM-DD，不能晚于今天', example: '2026-03-01' },
  { header: '合同类型', field: 'contractType', required: false, note: '固定期限/以完成一定工作任务为期限/无固定期限/其他', example: '以完成一定工作任务为期限' },
  { header: '合同开始', field: 'contractStart', required: false, note: 'YYYY-MM-DD', example: '2026-03-01' },
  { header: '合同结束', field: 'contractEnd', required: false, note: 'YYYY-MM-DD，须晚于合同开始', example: '2026-12-31' },
  { header: '计薪方式', field: 'wageKind', required: false, note: '按日/按小时', example: '按日' },
  { header: '工资标准(元)', field: 'wageRate', required: false, note: '每日或每小时，元', example: '350' },
  { header: '银行名称', field: 'bankName', required: false, note: '', example: '中国工商银行' },
  { header: '银行卡号', field: 'bankCard', required: false, note: '12–19位，文本格式', example: '6222020200112233445' },
  { header: '紧急联系人', field: 'emergencyContact', required: false, note: '', example: '李四' },
  { header: '紧急联系电话', field: 'emergencyPhone', required: false, note: '', example: '13900139000' },
  { header: '考勤卡号', field: 'cardNo', required: false, note: '闸机IC卡号', example: 'C1001' },
];

/** Header spellings seen in subcontractors' lists that mean the same column. */
const HEADER_ALIASES: Record<string, string> = {
  身份证号码: '证件号码',
  身份证号: '证件号码',
  手机号: '手机号码',
  联系电话: '手机号码',
  单位名称: '参建单位',
  所属单位: '参建单位',
  班组名称: '班组',
  工资标准: '工资标准(元)',
  '工资标准（元）': '工资标准(元)',
  卡号: '考勤卡号',
};

/** A header cell as written (spaces, full-width parentheses, a trailing * for required) to the column's header. */
export function canonicalHeader(raw: string): string {
  const h = raw.replace(/\s+/g, '').replace(/[*＊]/g, '').replace('（', '(').replace('）', ')');
  return HEADER_ALIASES[h] ?? h;
}

export const HEADER_OF_FIELD: Record<string, string> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, c.header]));

export const ID_TYPE_NAMES: Record<string, IdType> = {
  居民身份证: 'mainland',
  身份证: 'mainland',
  港澳台居民居住证: 'hk-macao-tw-residence',
  港澳居民来往内地通行证: 'hk-macao-permit',
  回乡证: 'hk-macao-permit',
  台湾居民来往大陆通行证: 'taiwan-permit',
  台胞证: 'taiwan-permit',
  护照: 'passport',
  外国人永久居留身份证: 'foreign-permanent',
};

export const ID_TYPE_LABEL: Record<IdType, string> = {
  mainland: '居民身份证',
  'hk-macao-tw-residence': '港澳台居民居住证',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
  passport: '护照',
  'foreign-permanent': '外国人永久居留身份证',
};

export const CONTRACT_TYPE_NAMES: Record<string, ContractType> = {
  固定期限: 'fixed-term',
  以完成一定工作任务为期限: 'task',
  完成一定工作任务: 'task',
  无固定期限: 'open-ended',
  其他: 'other',
};

export const CONTRACT_TYPE_LABEL: Record<ContractType, string> = { 'fixed-term': '固定期限', task: '以完成一定工作任务为期限', 'open-ended': '无固定期限', other: '其他' };

export const WAGE_KIND_NAMES: Record<string, WageKind> = { 按日: 'daily', 日薪: 'daily', 按天: 'daily', 按小时: 'hourly', 时薪: 'hourly', 按时: 'hourly' };
export const WAGE_KIND_LABEL: Record<WageKind, string> = { daily: '按日', hourly: '按小时' };
