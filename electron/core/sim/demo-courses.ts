import type { QuestionInput } from '../../common/api/training.js';
import type { TrainingService } from '../workforce/training-service.js';

const TF = ['对', '错'];
const tf = (text: string, right: boolean, explanation: string): QuestionInput => ({ kind: 'true-false', text, options: TF, answer: [right ? 0 : 1], explanation });
const single = (text: string, options: string[], answer: number, explanation: string): QuestionInput => ({ kind: 'single', text, options, answer: [answer], explanation });
const multiple = (text: string, options: string[], answer: number[], explanation: string): QuestionInput => ({ kind: 'multiple', text, options, answer, explanation });

/**
 * The demo induction bank: construction safety as site induction courses teach it. Sources in the
 * explanations: JGJ 59-2011 (安全检查标准), JGJ 80-2016 (高处作业), JGJ 46-2005 (临时用电),
 * GB 2811-2019 (安全帽), GB 6095-2021 (安全带), GB 5144-2006 (塔式起重机安全规程).
 */
export const DEMO_INDUCTION_QUESTIONS: QuestionInput[] = [
  single('进入施工现场必须正确佩戴的是？', ['安全帽', '遮阳帽', '耳机', '手套'], 0, '进入施工现场必须戴安全帽并系紧下颏带（GB 2811-2019）。'),
  tf('安全帽的下颏带可以不系，只要戴在头上即可。', false, '不系下颏带，坠落物或跌倒时安全帽会脱落，失去防护作用。'),
  single('高处作业是指在坠落高度基准面多少米及以上有可能坠落的高处进行的作业？', ['1 m', '2 m', '3 m', '5 m'], 1, 'JGJ 80-2016：坠落高度基准面 2 m 及以上有可能坠落的高处作业。'),
  single('高处作业使用安全带应当如何悬挂？', ['低挂高用', '高挂低用', '挂在腰间', '不用挂'], 1, '安全带应高挂低用，挂在牢固的构件上（GB 6095-2021）。'),
  tf('在没有防护的临边作业时，可以不系安全带，只要小心就行。', false, '临边、洞口无防护时必须系挂安全带，并先设防护栏杆。'),
  multiple('施工现场“三宝”是指哪些？', ['安全帽', '安全带', '安全网', '绝缘鞋'], [0, 1, 2], '“三宝”：安全帽、安全带、安全网；“四口”：楼梯口、电梯井口、预留洞口、通道口。'),
  single('施工现场临时用电应采用哪种接零保护系统？', ['TT 系统', 'TN-S 系统', 'IT 系统', '不需要接零'], 1, 'JGJ 46-2005：应采用 TN-S 接零保护系统（三级配电、两级漏电保护）。'),
  tf('非电工可以自行接线、拆改配电箱。', false, '电工必须持证上岗（建筑电工特种作业证），非电工严禁接拆电线。'),
  multiple('临时用电的基本要求包括哪些？', ['三级配电', '两级漏电保护', '一机一闸一漏一箱', '电线可随地拖放'], [0, 1, 2], 'JGJ 46-2005：三级配电、两级保护，一机一闸一漏一箱；电线应架空或埋地，不得随地拖放。'),
  single('塔吊吊装作业时，吊物下方应该？', ['可以快速通过', '严禁站人和通行', '可以站人指挥', '可以休息'], 1, '起重作业时吊物下方严禁站人和通行（GB 5144-2006）。'),
  tf('塔吊司机和信号司索工必须持有有效的特种作业操作资格证书。', true, '建质〔2008〕75号：塔式起重机司机、信号司索工等属于建筑施工特种作业人员，须持证上岗。'),
  multiple('遇到哪些情况塔吊必须停止作业？', ['风速达到 6 级及以上', '大雨、大雾、雷电', '指挥信号不清', '晴天微风'], [0, 1, 2], 'GB 5144-2006：风速达到规定值（一般 6 级）及大雨、大雾、雷电等恶劣天气，信号不清时应停止作业。'),
  single('发现安全隐患时，首先应当？', ['不管它', '立即报告班组长或安全员', '自己随便处理', '等下班再说'], 1, '发现隐患立即报告，由班组长或安全员组织处理。'),
  tf('酒后可以进入施工现场作业，只要不进行高处作业。', false, '严禁酒后进入施工现场作业。'),
  single('脚手架上的作业层应满铺脚手板并设置？', ['防护栏杆和挡脚板', '广告牌', '电线', '什么都不用'], 0, 'JGJ 59-2011：作业层脚手板满铺，设 1.2 m 防护栏杆和 18 cm 挡脚板。'),
];

const PRE_SHIFT_QUESTIONS: QuestionInput[] = [
  tf('班前讲话要讲清今天的作业内容、危险点和防范措施。', true, '班前讲话（班前安全活动）：交代当天任务、危险源和防护措施，检查劳保用品。'),
  single('上岗前检查个人防护用品，发现安全带有磨损应？', ['继续使用', '更换后再作业', '用胶带缠好', '借别人的不检查'], 1, '有损坏的防护用品必须更换，不得使用。'),
  tf('身体不适时应当告诉班组长，不要勉强上高处作业。', true, '身体不适、疲劳时不得从事高处作业。'),
  single('今天在塔吊回转半径内作业，需要注意？', ['听从信号工指挥，避开吊物下方', '随意穿行', '在吊物下休息', '不用注意'], 0, '塔吊作业区内听从指挥，严禁在吊物下方停留。'),
];

/**
 * The demo site's courses, created at core start when the simulator runs and no course exists:
 * a 三级安全教育 induction (15 questions, 10 drawn, pass mark 80, 20 minutes, 3 attempts, 24
 * hours — the usual minimum of the three levels together) and a pre-shift talk.
 */
export function seedDemoCourses(training: TrainingService): void {
  training.store.transaction(() => {
    const induction = training.createCourse({
      kind: 'induction',
      level: 'project',
      title: '三级安全教育（项目级）',
      description: '新进场工人必须完成的安全教育：个人防护、高处作业、临时用电、起重作业、隐患报告。',
      hours: 24,
      questionCount: 10,
      passMark: 80,
      timeLimitMinutes: 20,
      attemptsAllowed: 3,
      active: true,
    });
    training.store.addMaterial(
      {
        courseId: induction.id,
        kind: 'text',
        title: '入场安全须知',
        body: '1. 进入现场必须戴好安全帽，系紧下颏带。\n2. 2 米及以上高处作业必须系安全带，高挂低用。\n3. 临时用电由持证电工操作，严禁私拉乱接。\n4. 塔吊作业区内听从信号工指挥，吊物下方严禁站人。\n5. 发现隐患立即报告班组长或安全员。\n6. 严禁酒后上岗。',
      },
      training.now(),
    );
    for (const q of DEMO_INDUCTION_QUESTIONS) training.addQuestion(induction.id, q);
    const preShift = training.createCourse({
      kind: 'pre-shift',
      level: null,
      title: '班前讲话：塔吊作业区与高处作业',
      description: '今日班前安全讲话：作业内容、危险点、防护措施。',
      hours: 0.5,
      questionCount: 3,
      passMark: 60,
      timeLimitMinutes: 10,
      attemptsAllowed: 0,
      active: true,
    });
    training.store.addMaterial({ courseId: preShift.id, kind: 'text', title: '今日要点', body: '今天 3 号楼 12 层绑扎钢筋，临边作业多，塔吊 TC-1 在吊装模板。\n系好安全带，吊物下方不站人，听从信号工指挥。' }, training.now());
    for (const q of PRE_SHIFT_QUESTIONS) training.addQuestion(preShift.id, q);
  });
}
