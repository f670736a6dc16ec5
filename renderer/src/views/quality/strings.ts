import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** This view's strings (English and Simplified Chinese), the nav label too. */
function register(): void {
  addStrings('nav', { quality: 'Quality' }, { quality: '质量巡检' });
  addStrings(
    'quality',
    {
      tabs: { notices: 'Rectification notices', inspections: 'Inspections' },
      figures: { open: 'Open notices', overdue: 'Overdue', weekRate: 'Pass rate this week', weekCount: '{{passed}} of {{count}} inspections' },
      actions: { inspect: 'Record inspection', raise: 'Raise notice', back: 'Back to the list', acknowledge: 'Acknowledge', answer: 'Answer', verifyPass: 'Verified: close', verifyFail: 'Not rectified: send back', save: 'Save', raiseFromItem: 'Raise notice' },
      state: { raised: 'Raised', rectifying: 'Being rectified', answered: 'Answered', closed: 'Closed', open: 'Open (not closed)', all: 'All' },
      action: { raise: 'Raised', acknowledge: 'Acknowledged', answer: 'Answered', 'verify-pass': 'Verified and closed', 'verify-fail': 'Sent back' },
      result: { pass: 'Pass', fail: 'Fail', na: 'N/A' },
      origin: { site: 'Project', authority: 'Authority' },
      filter: { state: 'State', company: 'Company', overdue: 'Overdue only', allCompanies: 'All companies' },
      col: { number: 'No.', company: 'Company / team', due: 'Due', state: 'State', description: 'What', location: 'Where', raisedBy: 'Raised by', time: 'Time', checklist: 'Checklist', result: 'Result', items: 'Pass / fail / n.a.', inspector: 'Inspector', notices: 'Notices', item: 'Item', clause: 'Clause', remark: 'Remark', photos: 'Photos', who: 'Who', step: 'Step', text: 'Text' },
      form: {
        checklist: 'Checklist', building: 'Building', floor: 'Floor', noLocation: 'No location', remark: 'Remark', addPhoto: 'Add photos', company: 'Company', team: 'Team (optional)', noTeam: 'Whole company',
        dueDate: 'Due date', description: 'What must be rectified', evidence: 'Evidence photos', answerText: 'What was done', answerPhotos: 'Photos of the rectified work', reason: 'What is still wrong', source: 'From', sourceDirect: 'Raised directly', sourceItem: 'Inspection {{id}}, item {{code}}', sourcePanorama: 'Panorama pin',
      },
      overdue: 'overdue',
      none: 'Nothing here.',
      history: 'History',
      detail: 'Notice {{number}}',
      inspection: 'Inspection {{id}}',
      uploading: 'Uploading…',
      externalRef: 'Authority reference',
      chartLabel: 'Inspections of the last 7 days, passed and failed',
    },
    {
      tabs: { notices: '整改通知单', inspections: '检查记录' },
      figures: { open: '未闭合通知单', overdue: '逾期', weekRate: '本周检查合格率', weekCount: '{{count}} 次检查，{{passed}} 次合格' },
      actions: { inspect: '记录检查', raise: '下发整改通知', back: '返回列表', acknowledge: '签收', answer: '整改回复', verifyPass: '复查合格，闭合', verifyFail: '复查不合格，退回', save: '保存', raiseFromItem: '下发整改' },
      state: { raised: '已下发', rectifying: '整改中', answered: '已回复', closed: '已闭合', open: '未闭合', all: '全部' },
      action: { raise: '下发', acknowledge: '签收', answer: '整改回复', 'verify-pass': '复查合格并闭合', 'verify-fail': '复查不合格，退回' },
      result: { pass: '合格', fail: '不合格', na: '不适用' },
      origin: { site: '项目', authority: '监督机构' },
      filter: { state: '状态', company: '责任单位', overdue: '仅看逾期', allCompanies: '全部单位' },
      col: { number: '编号', company: '责任单位 / 班组', due: '整改期限', state: '状态', description: '内容', location: '部位', raisedBy: '下发人', time: '时间', checklist: '检查表', result: '结果', items: '合格 / 不合格 / 不适用', inspector: '检查人', notices: '通知单', item: '检查项', clause: '依据', remark: '说明', photos: '照片', who: '人员', step: '环节', text: '内容' },
      form: {
        checklist: '检查表', building: '楼栋', floor: '楼层', noLocation: '不指定部位', remark: '备注', addPhoto: '添加照片', company: '责任单位', team: '班组（可选）', noTeam: '整个单位',
        dueDate: '整改期限', description: '整改要求', evidence: '问题照片', answerText: '整改情况', answerPhotos: '整改后照片', reason: '仍存在的问题', source: '来源', sourceDirect: '直接下发', sourceItem: '检查 {{id}} 的 {{code}} 项', sourcePanorama: '全景标注',
      },
      overdue: '逾期',
      none: '暂无记录。',
      history: '处理记录',
      detail: '整改通知单 {{number}}',
      inspection: '检查记录 {{id}}',
      uploading: '正在上传…',
      externalRef: '监督机构文号',
      chartLabel: '近 7 天检查次数（合格 / 不合格）',
    },
  );
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
