import { addStrings } from '../../i18n/add-strings.js';

/**
 * Messages of the workforce alarms (gates, drivers' certificates), merged under `alarmText.`.
 * Certificate names come from the core in both languages (`certZh`, `certEn`).
 */
addStrings(
  'alarmText',
  {
    gate: {
      unknown: 'Unregistered {{credential}} at {{gate}}',
      blacklisted: 'Blacklisted worker {{person}} at {{gate}}: {{reason}}',
      exitedWorker: '{{person}} has exited the project but tried to enter at {{gate}}',
      noInduction: '{{person}} has not passed the induction course; kept out at {{gate}}',
    },
    operator: {
      unregistered: '{{machine}} is driven by {{person}}, who is not in the real-name registry',
      notOnSite: '{{machine}} is driven by {{person}}, who has no open stint on the project',
      noCertificate: '{{machine}} is driven by {{person}}, who holds no valid {{certEn}} certificate',
      expired: "{{machine}} is driven by {{person}}, whose {{certEn}} certificate expired on {{date}}",
      ok: '{{machine}} is driven by {{person}}, certified',
    },
    certificate: { expired: "{{person}}'s {{certEn}} certificate {{number}} expired on {{date}}" },
  },
  {
    gate: {
      unknown: '{{gate}} 出现未登记的{{credZh}}',
      blacklisted: '黑名单人员 {{person}} 出现在 {{gate}}：{{reason}}',
      exitedWorker: '已退场人员 {{person}} 试图从 {{gate}} 进场',
      noInduction: '{{person}} 未通过三级安全教育，已在 {{gate}} 拦下',
    },
    operator: {
      unregistered: '{{machine}} 由 {{person}} 操作，此人未实名登记',
      notOnSite: '{{machine}} 由 {{person}} 操作，此人不在本项目在册人员中',
      noCertificate: '{{machine}} 由 {{person}} 操作，其无有效的{{certZh}}',
      expired: '{{machine}} 由 {{person}} 操作，其{{certZh}}已于 {{date}} 过期',
      ok: '{{machine}} 由 {{person}} 操作，持证有效',
    },
    certificate: { expired: '{{person}} 的{{certZh}}（{{number}}）已于 {{date}} 过期' },
  },
);
