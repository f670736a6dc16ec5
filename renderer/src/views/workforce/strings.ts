import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** The workforce view's shell strings; each tab module adds its own under `workforce.<tab>`. */
function register(): void {
  addStrings('nav', { workforce: 'Workforce' }, { workforce: '劳务实名' });
  addStrings(
    'workforceShell',
    {
      label: 'Workforce sections',
      tab: { roster: 'Roster', onsite: 'On site now', certificates: 'Certificates', attendance: 'Attendance & pay', training: 'Training & exams' },
    },
    {
      label: '劳务实名分区',
      tab: { roster: '花名册', onsite: '在场人员', certificates: '证书', attendance: '考勤与工资', training: '培训考试' },
    },
  );
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
