import type { CertificateType } from '../../common/workforce.js';

/**
 * Certificate names for alarm messages, both languages (the alarm's text carries both, so each
 * console picks its own). Names as printed on the certificates (建质〔2008〕75号).
 */
const NAMES: Record<CertificateType, { zh: string; en: string }> = {
  'tower-crane-driver': { zh: '塔式起重机司机证', en: 'tower-crane driver' },
  'hoist-driver': { zh: '施工升降机司机证', en: 'hoist driver' },
  'material-lift-driver': { zh: '物料提升机司机证', en: 'material-lift driver' },
  'signaller-rigger': { zh: '信号司索工证', en: 'signaller/rigger' },
  'crane-installer': { zh: '起重机械安装拆卸工证', en: 'crane installer' },
  'gondola-installer': { zh: '吊篮安装拆卸工证', en: 'gondola installer' },
  electrician: { zh: '建筑电工证', en: 'electrician' },
  scaffolder: { zh: '建筑架子工证', en: 'scaffolder' },
  welder: { zh: '焊工证', en: 'welder' },
  other: { zh: '特种作业证', en: 'special-operation' },
};

export function certificateNames(type: CertificateType): { zh: string; en: string } {
  return NAMES[type];
}
