import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteEntry } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';

/**
 * A remote project's transport (HTTPS, or plain HTTP marked "not encrypted") and, for admins, the
 * form that sets the password this core signs in to it with. The password goes into the core's
 * vault and is never shown again.
 */
export function SitePassword({ project, client, isAdmin }: { project: SiteEntry; client: ApiClient | undefined; isAdmin: boolean }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (project.self || project.encrypted === undefined) return null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!client) return;
    try {
      await client.call('setSitePassword', { id: project.id, password });
      setPassword('');
      setMessage(t('gis.saved'));
    } catch (error) {
      setMessage(`⚠ ${(error as Error).message}`);
    }
  };

  return (
    <div className="gis-transport">
      {project.encrypted ? (
        <span className="tag">🔒 {t('gis.encrypted')}</span>
      ) : (
        <span className="tag tag-warning" title={t('gis.notEncryptedHint')} data-testid={`gis-not-encrypted-${project.id}`}>
          ⚠ {t('gis.notEncrypted')}
        </span>
      )}
      {isAdmin && client && (
        <details>
          <summary>{t('gis.setPassword')}</summary>
          <form onSubmit={save} className="credentials-form">
            <input aria-label={t('gis.password')} placeholder={t('gis.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
            <button type="submit">{t('gis.save')}</button>
            {message && <p className="hint" role="status">{message}</p>}
          </form>
        </details>
      )}
    </div>
  );
}
