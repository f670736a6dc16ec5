import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail, DeviceIdentity, DeviceUpdate } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';

const TEXT_FIELDS = ['name', 'model', 'supplier', 'serial'] as const;
const DATE_FIELDS = ['installedOn', 'calibratedOn'] as const;

type Draft = Record<(typeof TEXT_FIELDS)[number] | (typeof DATE_FIELDS)[number] | 'e' | 'n' | 'u' | 'expectedIntervalS', string>;

function draftOf(d: DeviceIdentity): Draft {
  return {
    name: d.name,
    model: d.model ?? '',
    supplier: d.supplier ?? '',
    serial: d.serial ?? '',
    installedOn: d.installedOn ?? '',
    calibratedOn: d.calibratedOn ?? '',
    e: d.position ? String(d.position.e) : '',
    n: d.position ? String(d.position.n) : '',
    u: d.position ? String(d.position.u) : '',
    expectedIntervalS: String(d.expectedIntervalS),
  };
}

/**
 * The admin's edit of a device's registry record. Sends only the fields that changed; an emptied
 * field is sent as null (back to the site file). The core validates; its error is shown in words
 * beside the field it names.
 */
export function DeviceEditForm({ client, detail, onSaved }: { client: ApiClient; detail: DeviceDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const d = detail.device;
  const current: DeviceIdentity = {
    name: d.name,
    expectedIntervalS: d.expectedIntervalS,
    ...(d.model !== undefined ? { model: d.model } : {}),
    ...(d.supplier !== undefined ? { supplier: d.supplier } : {}),
    ...(d.serial !== undefined ? { serial: d.serial } : {}),
    ...(d.installedOn !== undefined ? { installedOn: d.installedOn } : {}),
    ...(d.calibratedOn !== undefined ? { calibratedOn: d.calibratedOn } : {}),
    ...(d.position ? { position: d.position } : {}),
  };
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; field?: string } | null>(null);
  const initial = draftOf(current);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const update: DeviceUpdate = { id: d.id };
    for (const key of [...TEXT_FIELDS, ...DATE_FIELDS]) {
      if (draft[key] !== initial[key]) update[key] = draft[key].trim() === '' ? null : draft[key].trim();
    }
    if (draft.e !== initial.e || draft.n !== initial.n || draft.u !== initial.u) {
      if ([draft.e, draft.n, draft.u].every((v) => v.trim() === '')) update.position = null;
      else {
        const [e, n, u] = [draft.e, draft.n, draft.u || '0'].map(Number);
        const bad = (['e', 'n', 'u'] as const).find((k, i) => !Number.isFinite([e, n, u][i]) || (k !== 'u' && draft[k].trim() === ''));
        if (bad) return setMessage({ ok: false, text: t('devices.edit.badNumber', { field: t(`devices.field.${bad}`) }), field: bad });
        update.position = { e: e!, n: n!, u: u! };
      }
    }
    if (draft.expectedIntervalS !== initial.expectedIntervalS) {
      const v = draft.expectedIntervalS.trim() === '' ? null : Number(draft.expectedIntervalS);
      if (v !== null && !Number.isFinite(v)) return setMessage({ ok: false, text: t('devices.edit.badNumber', { field: t('devices.field.expectedIntervalS') }), field: 'expectedIntervalS' });
      update.expectedIntervalS = v;
    }
    if (Object.keys(update).length === 1) return setMessage({ ok: true, text: t('devices.edit.nothing') });
    setBusy(true);
    try {
      await client.call('updateDevice', update);
      setMessage({ ok: true, text: t('devices.edit.saved') });
      onSaved();
    } catch (e) {
      const error = e as Error & { field?: string };
      setMessage({ ok: false, text: t('devices.edit.error', { message: error.message }), ...(error.field ? { field: error.field.split('.')[0]! } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const input = (key: keyof Draft, type: 'text' | 'date' | 'number' = 'text', extra: Record<string, string> = {}) => (
    <input
      id={`edit-${key}`}
      name={key}
      type={type}
      value={draft[key]}
      aria-invalid={message?.field === key || (message?.field === 'position' && ['e', 'n', 'u'].includes(key)) ? true : undefined}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      {...extra}
    />
  );

  return (
    <form className="panel device-edit" onSubmit={submit} aria-labelledby="edit-heading" data-testid="device-edit">
      <h2 id="edit-heading">{t('devices.edit.heading')}</h2>
      <p className="hint">{t('devices.edit.hint')}</p>
      <div className="edit-grid">
        {TEXT_FIELDS.map((key) => (
          <label key={key} htmlFor={`edit-${key}`}>
            {t(`devices.field.${key}`)}
            {input(key)}
          </label>
        ))}
        {DATE_FIELDS.map((key) => (
          <label key={key} htmlFor={`edit-${key}`}>
            {t(`devices.field.${key}`)}
            {input(key, 'date')}
          </label>
        ))}
        {(['e', 'n', 'u'] as const).map((key) => (
          <label key={key} htmlFor={`edit-${key}`}>
            {t(`devices.field.${key}`)}
            {input(key, 'text', { inputMode: 'decimal' })}
          </label>
        ))}
        <label htmlFor="edit-expectedIntervalS">
          {t('devices.field.expectedIntervalS')} (s)
          {input('expectedIntervalS', 'text', { inputMode: 'decimal' })}
        </label>
      </div>
      <div className="edit-actions">
        <button type="submit" disabled={busy} data-testid="edit-save">
          {busy ? t('devices.edit.saving') : t('devices.edit.save')}
        </button>
        {message && (
          <p className={message.ok ? 'hint' : 'form-error'} role={message.ok ? 'status' : 'alert'} data-testid="edit-message">
            {message.ok ? '✓ ' : '⚠ '}
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
