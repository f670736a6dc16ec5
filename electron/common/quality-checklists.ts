/**
 * The built-in inspection checklists. Each item cites the clause it checks, so a finding on a
 * notice can name the rule it breaks. Items are short prompts, not the standard's full text.
 *
 * - Safety patrol after JGJ 59-2011 建筑施工安全检查标准, one item per checking table of its
 *   chapter 3 (the site's weekly safety inspection scores these tables).
 * - Temporary power after JGJ 46-2005 施工现场临时用电安全技术规范 (JGJ 59 table 3.14).
 * - Quality patrol after GB 50300-2013 建筑工程施工质量验收统一标准 and the acceptance codes of
 *   the works checked (GB 50204-2015 concrete structures, GB 50203-2011 masonry, GB 50208-2011
 *   underground waterproofing).
 * - Dust control: the "six 100 %" (六个百分之百) of the national dust-control action plan for
 *   construction sites (围挡、覆盖、硬化、冲洗、湿法作业、密闭运输).
 */

/** One prompt on a checklist. */
export interface ChecklistItem {
  /** Stable within its checklist, e.g. `3.14` or `power-3`. */
  code: string;
  zh: string;
  en: string;
  /** The clause checked, e.g. `JGJ 59-2011 表3.14`. */
  clause: string;
}

export interface Checklist {
  id: string;
  zh: string;
  en: string;
  /** The standard the checklist follows. */
  standard: string;
  items: ChecklistItem[];
}

const jgj59 = (table: string) => `JGJ 59-2011 表${table}`;

export const QUALITY_CHECKLISTS: readonly Checklist[] = [
  {
    id: 'safety-jgj59',
    zh: '安全检查（JGJ 59）',
    en: 'Safety inspection (JGJ 59)',
    standard: 'JGJ 59-2011 建筑施工安全检查标准',
    items: [
      { code: '3.1', zh: '安全管理：责任制、专项方案、安全技术交底、安全教育', en: 'Safety management: responsibilities, method statements, briefings, training', clause: jgj59('3.1') },
      { code: '3.2', zh: '文明施工：围挡、封闭管理、材料堆放、现场防火', en: 'Site order: hoarding, closed site, material stacking, fire safety', clause: jgj59('3.2') },
      { code: '3.3', zh: '扣件式钢管脚手架：立杆基础、连墙件、剪刀撑、脚手板', en: 'Tube-and-coupler scaffold: base, ties, bracing, boards', clause: jgj59('3.3') },
      { code: '3.11', zh: '基坑工程：支护、降排水、坑边荷载、安全防护', en: 'Excavation: support, dewatering, edge loads, guarding', clause: jgj59('3.11') },
      { code: '3.12', zh: '模板支架：施工方案、支架基础、构造、验收', en: 'Formwork shoring: method, base, bracing, acceptance', clause: jgj59('3.12') },
      { code: '3.13', zh: '高处作业：安全帽、安全网、安全带、临边与洞口防护', en: 'Work at height: helmets, nets, harnesses, edge and opening protection', clause: jgj59('3.13') },
      { code: '3.14', zh: '施工用电：三级配电两级保护、一机一闸一漏一箱', en: 'Temporary power: three-level distribution, RCDs, one switch per machine', clause: jgj59('3.14') },
      { code: '3.15', zh: '物料提升机与施工升降机：安全装置、防护门、验收', en: 'Material and passenger hoists: safety devices, landing gates, acceptance', clause: jgj59('3.15') },
      { code: '3.16', zh: '塔式起重机与起重吊装：限位限载、多塔作业、司机持证', en: 'Tower cranes and lifting: limiters, multi-crane work, certified drivers', clause: jgj59('3.16') },
      { code: '3.17', zh: '施工机具：平刨、圆盘锯、电焊机、气瓶', en: 'Site machinery: planers, circular saws, welders, gas cylinders', clause: jgj59('3.17') },
    ],
  },
  {
    id: 'temporary-power',
    zh: '临时用电检查（JGJ 46）',
    en: 'Temporary power (JGJ 46)',
    standard: 'JGJ 46-2005 施工现场临时用电安全技术规范',
    items: [
      { code: 'power-1', zh: '外电线路防护距离与防护设施', en: 'Clearance from and guarding of overhead lines', clause: 'JGJ 46-2005 第4章' },
      { code: 'power-2', zh: 'TN-S 接零保护系统，重复接地', en: 'TN-S earthing system, repeated earthing', clause: 'JGJ 46-2005 第5章' },
      { code: 'power-3', zh: '配电线路敷设，无老化破损', en: 'Cables laid properly, no damaged insulation', clause: 'JGJ 46-2005 第7章' },
      { code: 'power-4', zh: '配电箱与开关箱：一机一闸一漏一箱，漏保动作参数', en: 'Boxes: one switch and RCD per machine, RCD ratings', clause: 'JGJ 46-2005 第8章' },
      { code: 'power-5', zh: '现场照明：特殊场所安全电压', en: 'Lighting: safety extra-low voltage where required', clause: 'JGJ 46-2005 第10章' },
    ],
  },
  {
    id: 'quality-patrol',
    zh: '质量巡检',
    en: 'Quality patrol',
    standard: 'GB 50300-2013 建筑工程施工质量验收统一标准',
    items: [
      { code: 'q-rebar', zh: '钢筋：品种规格、数量间距、连接与锚固、保护层', en: 'Reinforcement: grade, spacing, splices and anchorage, cover', clause: 'GB 50204-2015 第5章' },
      { code: 'q-formwork', zh: '模板：轴线标高、截面尺寸、拼缝、支撑', en: 'Formwork: axes and levels, section sizes, joints, props', clause: 'GB 50204-2015 第4章' },
      { code: 'q-concrete', zh: '混凝土：浇筑振捣、养护、试块留置', en: 'Concrete: placing and compaction, curing, test cubes', clause: 'GB 50204-2015 第7章' },
      { code: 'q-masonry', zh: '砌体：砂浆饱满度、灰缝、拉结筋', en: 'Masonry: mortar fill, joints, tie bars', clause: 'GB 50203-2011' },
      { code: 'q-waterproof', zh: '防水：基层、搭接宽度、细部节点', en: 'Waterproofing: substrate, laps, details', clause: 'GB 50208-2011' },
      { code: 'q-finish', zh: '成品保护与观感质量', en: 'Protection of finished work and appearance', clause: 'GB 50300-2013 第5.0.8条' },
    ],
  },
  {
    id: 'dust-six',
    zh: '扬尘防治（六个百分之百）',
    en: 'Dust control ("six 100 %")',
    standard: '建筑工地扬尘防治“六个百分之百”',
    items: [
      { code: 'dust-1', zh: '施工现场围挡 100%', en: 'Site fully hoarded', clause: '六个百分之百 (1)' },
      { code: 'dust-2', zh: '物料堆放覆盖 100%', en: 'Stockpiles fully covered', clause: '六个百分之百 (2)' },
      { code: 'dust-3', zh: '出入车辆冲洗 100%', en: 'Every vehicle washed at the gate', clause: '六个百分之百 (3)' },
      { code: 'dust-4', zh: '施工现场路面硬化 100%', en: 'Site roads paved', clause: '六个百分之百 (4)' },
      { code: 'dust-5', zh: '拆迁工地湿法作业 100%', en: 'Wet methods for demolition', clause: '六个百分之百 (5)' },
      { code: 'dust-6', zh: '渣土车辆密闭运输 100%', en: 'Spoil trucks closed', clause: '六个百分之百 (6)' },
    ],
  },
];

/** The checklist with this id, or undefined. */
export function checklistById(id: string): Checklist | undefined {
  return QUALITY_CHECKLISTS.find((c) => c.id === id);
}
