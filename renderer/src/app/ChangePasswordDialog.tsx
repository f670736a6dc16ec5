import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../electron/common/api.js';
import type { ApiClient } from '../transport/api-client.js';

/** The core's minimum (auth-service.ts refuses shorter ones with the same rule). */
const MIN_PASSWORD_LENGTH = 8;

/**
 * Changes the signed-in user's own password (`POST /api/password` with the current one). The core
 * ends the user's other sessions and their sockets; this one stays signed in.
 */
export function ChangePasswordDialog({ client, onClose }: { client: ApiClient; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [state, setState] = useState<{ kind: 'editing' | 'saving' | 'done' } | { kind: 'error'; message: string }>({ kind: 'editing' });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const problem =
    newPassword.length > 0 && newPassword.length < MIN_PASSWORD_LENGTH
      ? t('password.tooShort', { n: MIN_PASSWORD_LENGTH })
      : repeat.length > 0 && repeat !== newPassword
        ? t('password.mismatch')
        : null;
  const ready = oldPassword.length > 0 && newPassword.length >= MIN_PASSWORD_LENGTH && repeat === newPassword && state.kind !== 'saving';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setState({ kind: 'saving' });
    try {
      await client.call('changePassword', { oldPassword, newPassword });
      setState({ kind: 'done' });
    } catch (error) {
      const message = error instanceof ApiError && error.code === 'unauthorized' ? t('password.wrongOld') : (error as Error).message;
      setState({ kind: 'error', message });
    }
  };

  return (
    <dialog ref={dialogRef} className="password-dialog" data-testid="password-dialog" onClose={onClose} aria-label={t('password.title')}>
      <h2>{t('password.title')}</h2>
      {state.kind === 'done' ? (
        <p role="status" data-testid="password-done">
          {t('password.done')}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('password.old')}
            <input type="password" name="old-password" autoComplete="current-password" value={oldPassword} onChange={(e) => setOldPassword(e.target.value)} autoFocus />
          </label>
          <label>
            {t('password.new')}
            <input type="password" name="new-password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
          </label>
          <label>
            {t('password.repeat')}
            <input type="password" name="repeat-password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
          {problem && <p className="password-problem">{problem}</p>}
          {state.kind === 'error' && (
            <p className="password-problem" role="alert">
              {state.message}
            </p>
          )}
          <p className="password-note">{t('password.note')}</p>
          <div className="dialog-actions">
            <button type="submit" disabled={!ready}>
              {state.kind === 'saving' ? t('password.saving') : t('password.save')}
            </button>
          </div>
        </form>
      )}
      <div className="dialog-actions">
        <button type="button" className="link-button" onClick={() => dialogRef.current?.close()}>
          {t('password.close')}
        </button>
      </div>
    </dialog>
  );
}
