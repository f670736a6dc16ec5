import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyView, TeamView } from '../../../../../electron/common/api.js';
import { checkGb11643 } from '../../../../../electron/common/id-number.js';
import { CERTIFICATE_TYPES, CONTRACT_TYPES, ID_TYPES, WAGE_KINDS, type IdType } from '../../../../../electron/common/workforce.js';
import type { WorkforceTabProps } from '../WorkforceView.js';

/** The form's values, all text as typed; turned into the API's shapes on submit. */
type Fields = Record<
  | 'name' | 'idNumber' | 'gender' | 'ethnicity' | 'birthDate' | 'address' | 'issuingAuthority' | 'idValidFrom' | 'idValidTo' | 'phone' | 'education' | 'trade'
  | 'post' | 'bankName' | 'bankCard' | 'emergencyContact' | 'emergencyPhone' | 'cardNo' | 'companyId' | 'teamId' | 'enteredOn' | 'contractType' | 'contractStart'
  | 'contractEnd' | 'wageKind' | 'wageYuan' | 'certType' | 'certNumber' | 'certValidFrom' | 'certValidTo',
  string
> & { idType: IdType; isManager: boolean };

const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now());

const opt = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** What is wrong with a mainland or residence-permit number while it is typed (GB 11643), or what it says. */
export function useIdHint(idType: IdType, raw: string, day: string): { ok: boolean; text: string } | null {
  const { t } = useTranslation();
  if (idType !== 'mainland' && idType !== 'hk-macao-tw-residence') return null;
  const id = raw.replace(/\s+/g, '').toUpperCase();
  if (id === '') return null;
  const r = checkGb11643(id, day, idType === 'hk-macao-tw-residence');
  if (r.ok) return { ok: true, text: t('wfRoster.form.idOk', { birth: r.facts.birthDate, sex: t(`wfRoster.gender.${r.facts.gender}`) }) };
  // While typing, a short number is only "not finished yet".
  return { ok: false, text: t(`wfRoster.form.idProblem.${r.problem}`, { n: id.length }) };
}

/** 登记人员: person, membership and contract, and an optional certificate, sent as one registration. */
export function RegisterForm({ client, timeZone }: WorkforceTabProps) {
  const { t } = useTranslation();
  const day = today(timeZone);
  const [companies, setCompanies] = useState<CompanyView[]>([]);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState<Fields>(() => ({
    ...(Object.fromEntries(['name', 'idNumber', 'gender', 'ethnicity', 'birthDate', 'address', 'issuingAuthority', 'idValidFrom', 'idValidTo', 'phone', 'education', 'trade', 'post', 'bankName', 'bankCard', 'emergencyContact', 'emergencyPhone', 'cardNo', 'companyId', 'teamId', 'contractStart', 'contractEnd', 'wageYuan', 'certType', 'certNumber', 'certValidFrom', 'certValidTo'].map((k) => [k, ''])) as unknown as Fields),
    idType: 'mainland',
    isManager: false,
    enteredOn: day,
    contractType: 'task',
    wageKind: 'daily',
  }));
  useEffect(() => {
    void Promise.all([client.call('listCompanies'), client.call('listTeams')]).then(([c, tm]) => {
      setCompanies(c);
      setTeams(tm);
      setF((old) => (old.companyId === '' && c[0] ? { ...old, companyId: String(c[0].id) } : old));
    });
  }, [client]);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setF({ ...f, [key]: e.target.value });
  const idHint = useIdHint(f.idType, f.idNumber, day);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await client.call('registerWorker', {
        worker: {
          name: f.name.trim(),
          idType: f.idType,
          idNumber: f.idNumber.trim(),
          gender: f.gender === 'M' || f.gender === 'F' ? f.gender : null,
          ethnicity: opt(f.ethnicity),
          birthDate: opt(f.birthDate),
          address: opt(f.address),
          issuingAuthority: opt(f.issuingAuthority),
          idValidFrom: opt(f.idValidFrom),
          idValidTo: opt(f.idValidTo),
          phone: opt(f.phone),
          education: opt(f.education),
          trade: f.trade.trim(),
          isManager: f.isManager,
          post: opt(f.post),
          bankName: opt(f.bankName),
          bankCard: opt(f.bankCard),
          emergencyContact: opt(f.emergencyContact),
          emergencyPhone: opt(f.emergencyPhone),
          cardNo: opt(f.cardNo),
        },
        membership: {
          companyId: Number(f.companyId),
          teamId: f.teamId ? Number(f.teamId) : null,
          enteredOn: f.enteredOn,
          contractType: (opt(f.contractType) as never) ?? null,
          contractStart: opt(f.contractStart),
          contractEnd: opt(f.contractEnd),
          wageKind: f.wageYuan ? (f.wageKind as never) : null,
          wageRateFen: f.wageYuan ? Math.round(Number(f.wageYuan) * 100) : null,
        },
        certificates: f.certType && f.certNumber ? [{ type: f.certType as never, number: f.certNumber.trim(), validFrom: f.certValidFrom, validTo: f.certValidTo }] : [],
      });
      window.location.hash = `#/workforce/roster/${created.id}`;
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: keyof Fields, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) => (
    <label className="field">
      <span>{t(`wfRoster.form.${key}`)}</span>
      <input value={f[key] as string} onChange={set(key)} data-testid={`register-${key}`} {...extra} />
    </label>
  );

  return (
    <form className="register-form" onSubmit={(e) => void submit(e)} data-testid="register-form">
      <a href="#/workforce/roster">{t('wfRoster.back')}</a>
      <h2>{t('wfRoster.form.heading')}</h2>
      <fieldset>
        <legend>{t('wfRoster.form.person')}</legend>
        {text('name', { required: true, maxLength: 64 })}
        <label className="field">
          <span>{t('wfRoster.form.idType')}</span>
          <select value={f.idType} onChange={(e) => setF({ ...f, idType: e.target.value as IdType })}>
            {ID_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`enum.idType.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field wide">
          <span>{t('wfRoster.form.idNumber')}</span>
          <input value={f.idNumber} onChange={set('idNumber')} required maxLength={40} className="mono" data-testid="register-idNumber" aria-invalid={idHint ? !idHint.ok : undefined} />
          {idHint && (
            <small className={idHint.ok ? 'id-hint ok' : 'id-hint bad'} data-testid="register-id-hint">
              {idHint.ok ? '✓ ' : '✗ '}
              {idHint.text}
            </small>
          )}
        </label>
        <label className="field">
          <span>{t('wfRoster.form.gender')}</span>
          <select value={f.gender} onChange={set('gender')}>
            <option value="">{t('wfRoster.form.fromId')}</option>
            <option value="M">{t('wfRoster.gender.M')}</option>
            <option value="F">{t('wfRoster.gender.F')}</option>
          </select>
        </label>
        {text('birthDate', { type: 'date' })}
        {text('ethnicity')}
        {text('address')}
        {text('issuingAuthority')}
        {text('idValidFrom', { type: 'date' })}
        {text('idValidTo', { type: 'date' })}
        {text('phone', { inputMode: 'numeric' })}
        {text('education')}
        {text('trade', { required: true })}
        <label className="field check">
          <input type="checkbox" checked={f.isManager} onChange={(e) => setF({ ...f, isManager: e.target.checked })} />
          <span>{t('wfRoster.form.isManager')}</span>
        </label>
        {f.isManager && text('post', { required: true })}
        {text('bankName')}
        {text('bankCard', { inputMode: 'numeric', className: 'mono' })}
        {text('emergencyContact')}
        {text('emergencyPhone')}
        {text('cardNo')}
      </fieldset>
      <fieldset>
        <legend>{t('wfRoster.form.membership')}</legend>
        <label className="field">
          <span>{t('wfRoster.form.company')}</span>
          <select value={f.companyId} onChange={(e) => setF({ ...f, companyId: e.target.value, teamId: '' })} required data-testid="register-company">
            {companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('wfRoster.form.team')}</span>
          <select value={f.teamId} onChange={set('teamId')} data-testid="register-team">
            <option value="">{t('wfRoster.form.noTeam')}</option>
            {teams
              .filter((tm) => String(tm.companyId) === f.companyId)
              .map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {tm.name}
                </option>
              ))}
          </select>
        </label>
        {text('enteredOn', { type: 'date', required: true, max: day })}
        <label className="field">
          <span>{t('wfRoster.form.contractType')}</span>
          <select value={f.contractType} onChange={set('contractType')}>
            {CONTRACT_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`enum.contract.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {text('contractStart', { type: 'date' })}
        {text('contractEnd', { type: 'date' })}
        <label className="field">
          <span>{t('wfRoster.form.wageKind')}</span>
          <select value={f.wageKind} onChange={set('wageKind')}>
            {WAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`enum.wage.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {text('wageYuan', { type: 'number', min: 0, step: '0.01' })}
      </fieldset>
      <fieldset>
        <legend>{t('wfRoster.form.certificate')}</legend>
        <label className="field">
          <span>{t('wfRoster.form.certType')}</span>
          <select value={f.certType} onChange={set('certType')}>
            <option value="">—</option>
            {CERTIFICATE_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`enum.cert.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {text('certNumber')}
        {text('certValidFrom', { type: 'date' })}
        {text('certValidTo', { type: 'date' })}
      </fieldset>
      {error && (
        <p className="form-error" role="alert" data-testid="register-error">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy} data-testid="register-submit">
        {t('wfRoster.form.submit')}
      </button>
    </form>
  );
}
