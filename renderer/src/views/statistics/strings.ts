import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** This view's strings (English and Simplified Chinese), the nav label too. */
function register(): void {
  addStrings('nav', { statistics: 'Statistics' }, { statistics: '统计分析' });
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
