import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevealedNumbers, WorkerDetail } from '../../../../../electron/common/api.js';
import { mayWorkforce } from '../../../../../electron/common/workforce-permissions.js';
import { CERTIFICATE_EXPIRY_WARNING_DAYS } from '../../../../../electron/common/workforce.js';
import type { WorkforceTabProps } from '../WorkforceView.js';
import { uploadPhoto } from './raw-requests.js';

const dayOf = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(ms);

/** One worker: photo, masked numbers (full ones on request, for roles allowed, audited), memberships, certificates, training, conduct, change log; exit and blacklist. */
export function WorkerDetailView({ client, session, timeZone, workerId }: WorkforceTabProps & { workerId: number }) {
  const { t } = useTranslation();
  const [w, setW] = useState<WorkerDetail | null>(null);
  const [numbers, setNumbers] = useState<RevealedNumbers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [today] = useState(() => dayOf(Date.now(), timeZone));
  const canWrite = mayWorkforce(session.role, 'writeRegistry');
  const load = useCallback(() => {
    client.call('getWorker', { id: workerId }).then(setW, (e: Error) => setError(e.message));
  }, [client, workerId]);
  useEffect(load, [load]);
  const act = (work: () => Promise<unknown>) => () => {
    setError(null);
    work().then(load, (e: Error) => setError(e.message));
  };
  if (!w) return <p className="loading">{error ?? '…'}</p>;
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + CERTIFICATE_EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const field = (label: string, value: string | null | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <div className="worker-detail" data-testid="worker-detail">
      <a href="#/workforce/roster">{t('wfRoster.back')}</a>
      <header className="worker-head">
        <figure className="worker-photo">
          {w.photoUrl ? <img src={w.photoUrl} alt={w.name} width={143} height={176} /> : <span>{t('wfRoster.detail.noPhoto')}</span>}
          {canWrite && (
            <label className="button small">
              {t('wfRoster.detail.photo')}
              <input type="file" accept="image/jpeg,image/png" hidden onChange={(e) => e.target.files?.[0] && act(() => uploadPhoto(session.token, w.id, e.target.files![0]!))()} />
            </label>
          )}
        </figure>
        <div>
          <h2>
            {w.name} {w.isManager && <span className="roster-tag">{w.post}</span>}
            {w.blacklistReason && <span className="roster-state bad">■ {t('wfRoster.blacklisted')}: {w.blacklistReason}</span>}
            {!w.active && <span className="roster-state">○ {t('wfRoster.exited')}</span>}
          </h2>
          <dl className="worker-fields">
            {field(t('enum.idType.' + w.idType), numbers?.idNumber ?? w.idMasked)}
            {field(t('wfRoster.detail.bankCard'), numbers ? numbers.bankCard : w.bankCardMasked)}
            {field(t('wfRoster.form.gender'), w.gender ? t(`wfRoster.gender.${w.gender}`) : null)}
            {field(t('wfRoster.form.birthDate'), w.birthDate)}
            {field(t('wfRoster.form.ethnicity'), w.ethnicity)}
            {field(t('wfRoster.form.trade'), w.trade)}
            {field(t('wfRoster.form.phone'), w.phone)}
            {field(t('wfRoster.form.cardNo'), w.cardNo)}
            {field(t('wfRoster.form.address'), w.address)}
            {field(t('wfRoster.form.issuingAuthority'), w.issuingAuthority)}
            {field(t('wfRoster.detail.idValidity'), w.idValidFrom ? `${w.idValidFrom} – ${w.idValidTo ?? t('wfRoster.detail.longTerm')}` : null)}
            {field(t('wfRoster.form.education'), w.education)}
            {field(t('wfRoster.form.bankName'), w.bankName)}
            {field(t('wfRoster.form.emergencyContact'), w.emergencyContact ? `${w.emergencyContact} ${w.emergencyPhone ?? ''}` : null)}
          </dl>
          {mayWorkforce(session.role, 'revealNumbers') && !numbers && (
            <button type="button" className="button" data-testid="worker-reveal" onClick={() => client.call('revealWorkerNumbers', { id: w.id }).then(setNumbers, (e: Error) => setError(e.message))}>
              {t('wfRoster.detail.reveal')}
            </button>
          )}
          {numbers && <p className="hint">{t('wfRoster.detail.revealed')}</p>}
          {canWrite && w.active && (
            <span className="worker-actions">
              <button type="button" className="button" data-testid="worker-exit" onClick={act(() => client.call('exitWorker', { id: w.id, exitedOn: today }))}>
                {t('wfRoster.detail.exit')} ({today})
              </button>
            </span>
          )}
          {canWrite && !w.blacklistReason && (
            <span className="worker-actions">
              <input value={note} placeholder={t('wfRoster.detail.blacklistReason')} onChange={(e) => setNote(e.target.value)} aria-label={t('wfRoster.detail.blacklistReason')} />
              <button type="button" className="button danger" disabled={!note.trim()} onClick={act(() => client.call('blacklistWorker', { workerId: w.id, reason: note.trim() }))}>
                {t('wfRoster.detail.blacklist')}
              </button>
              <button type="button" className="button" disabled={!note.trim()} onClick={act(() => client.call('addWorkerConduct', { workerId: w.id, kind: 'bad', text: note.trim() }))}>
                {t('wfRoster.detail.addConduct')} ({t('wfRoster.detail.bad')})
              </button>
              <button type="button" className="button" disabled={!note.trim()} onClick={act(() => client.call('addWorkerConduct', { workerId: w.id, kind: 'good', text: note.trim() }))}>
                {t('wfRoster.detail.addConduct')} ({t('wfRoster.detail.good')})
              </button>
            </span>
          )}
          {error && <p className="form-error" role="alert">{error}</p>}
        </div>
      </header>
      <div className="worker-sections">
        <section>
          <h3>{t('wfRoster.detail.memberships')}</h3>
          <ul>
            {w.memberships.map((m) => (
              <li key={m.id}>
                {m.companyName} {m.teamName ?? ''} · {t(`enum.role.${m.role}`)} · {m.enteredOn} – {m.exitedOn ?? ''}
                {m.contractType && ` · ${t(`enum.contract.${m.contractType}`)} ${m.contractStart ?? ''}–${m.contractEnd ?? ''}`}
                {m.wageRateFen !== null && m.wageKind && ` · ${t('wfRoster.detail.pay', { rate: (m.wageRateFen / 100).toFixed(2), kind: t(`wfRoster.detail.kind.${m.wageKind}`) })}`}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('wfRoster.detail.certificates')}</h3>
          {w.certificates.length === 0 && <p className="hint">{t('wfRoster.detail.none')}</p>}
          <ul>
            {w.certificates.map((c) => (
              <li key={c.id} className={c.validTo < today ? 'bad' : c.validTo <= soon ? 'warn' : ''}>
                {t(`enum.cert.${c.type}`)} {c.number} · {c.validFrom} – {c.validTo}
                {c.validTo < today ? ` ■ ${t('wfRoster.detail.expired')}` : c.validTo <= soon ? ` ▲ ${t('wfRoster.detail.expiring')}` : ''}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('wfRoster.detail.training')}</h3>
          {w.training.length === 0 && <p className="hint">{t('wfRoster.detail.none')}</p>}
          <ul>
            {w.training.map((r) => (
              <li key={r.id}>
                {dayOf(r.at, timeZone)} {r.title} · {r.hours} h · {r.passed ? t('wfRoster.detail.passed') : t('wfRoster.detail.failed')}
                {r.score !== null && ` (${r.score})`}
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h3>{t('wfRoster.detail.conduct')}</h3>
          {w.conduct.length === 0 && <p className="hint">{t('wfRoster.detail.none')}</p>}
          <ul>
            {w.conduct.map((c) => (
              <li key={c.id}>
                {dayOf(c.at, timeZone)} {c.kind === 'good' ? `○ ${t('wfRoster.detail.good')}` : `■ ${t('wfRoster.detail.bad')}`} {c.text} ({c.by})
              </li>
            ))}
          </ul>
        </section>
        <section className="wide">
          <h3>{t('wfRoster.detail.changes')}</h3>
          <table className="roster-table changes" data-testid="worker-changes">
            <tbody>
              {w.changes.map((c) => (
                <tr key={c.id}>
                  <td className="mono">{new Date(c.at).toLocaleString('zh-CN', { timeZone })}</td>
                  <td>
                    {c.actor} ({c.actorRole})
                  </td>
                  <td>
                    {c.entity} {c.action}
                  </td>
                  <td className="mono small">{c.before ? JSON.stringify(c.before) : ''}</td>
                  <td className="mono small">{c.after ? JSON.stringify(c.after) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
