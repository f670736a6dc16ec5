import i18next from 'i18next';

/**
 * Lets a view module bring its own strings (both languages) without editing the shared message
 * files: `addStrings('site3d', en, zhCN)` at module load. Keys then read `t('site3d.…')`.
 */
export function addStrings(namespaceKey: string, en: Record<string, unknown>, zhCN: Record<string, unknown>): void {
  i18next.addResourceBundle('en', 'translation', { [namespaceKey]: en }, true, true);
  i18next.addResourceBundle('zh-CN', 'translation', { [namespaceKey]: zhCN }, true, true);
}
