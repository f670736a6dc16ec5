import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** This view's strings (English and Simplified Chinese), the nav label too. */
function register(): void {
  addStrings('nav', { reports: 'Reports' }, { reports: '报表' });
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
