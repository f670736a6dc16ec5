import i18next from 'i18next';

type Bundle = [lng: string, key: string, strings: Record<string, unknown>];
const pending: Bundle[] = [];

function apply([lng, key, strings]: Bundle): void {
  i18next.addResourceBundle(lng, 'translation', { [key]: strings }, true, true);
}

/**
 * Lets a view module bring its own strings (both languages) without editing the shared message
 * files: `addStrings('site3d', en, zhCN)` at module load. Keys then read `t('site3d.…')`.
 * Modules load before i18next is initialised (imports run first), so bundles wait until it is.
 */
export function addStrings(namespaceKey: string, en: Record<string, unknown>, zhCN: Record<string, unknown>): void {
  const bundles: Bundle[] = [
    ['en', namespaceKey, en],
    ['zh-CN', namespaceKey, zhCN],
  ];
  if (i18next.isInitialized) bundles.forEach(apply);
  else pending.push(...bundles);
}

i18next.on('initialized', () => pending.splice(0).forEach(apply));
