import { useState } from 'react';
import type { PortalClient } from './portal-client.js';
import { errorText } from './errors.js';
import type { WorkerLanguage, WorkerStrings } from './strings.js';

/** ID number + phone, or a one-time code: no passwords for workers. */
export function IdentifyScreen({ client, s, lang, onIn }: { client: PortalClient; s: WorkerStrings; lang: WorkerLanguage; onIn: (name: string) => void }) {
  const [mode, setMode] = useState<'id' | 'code'>('id');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await client.call('identify', mode === 'id' ? { idNumber: idNumber.trim(), phone: phone.trim() } : { code: code.trim() });
      client.setToken(session.token);
      onIn(session.name);
    } catch (e) {
      setError(errorText(e, lang, s));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="w-card w-identify" onSubmit={submit} data-testid="worker-identify">
      <h2>{s.identify}</h2>
      <div className="w-segments" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'id'} className={mode === 'id' ? 'on' : ''} onClick={() => setMode('id')}>
          {s.byId}
        </button>
        <button type="button" role="tab" aria-selected={mode === 'code'} className={mode === 'code' ? 'on' : ''} onClick={() => setMode('code')} data-testid="worker-mode-code">
          {s.byCode}
        </button>
      </div>
      {mode === 'id' ? (
        <>
          <label>
            {s.idNumber}
            <input value={idNumber} onChange={(e) => setIdNumber(e.target.value)} inputMode="text" autoComplete="off" maxLength={32} required data-testid="worker-id-number" />
          </label>
          <label>
            {s.phone}
            <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" type="tel" autoComplete="tel" maxLength={20} required data-testid="worker-phone" />
          </label>
        </>
      ) : (
        <label>
          {s.code}
          <input value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} inputMode="numeric" autoComplete="one-time-code" className="w-code" required data-testid="worker-code" />
        </label>
      )}
      {error && (
        <p className="w-error" role="alert" data-testid="worker-error">
          {error}
        </p>
      )}
      <button type="submit" className="w-primary" disabled={busy} data-testid="worker-enter">
        {s.enter}
      </button>
      <p className="w-hint">{s.noPassword}</p>
    </form>
  );
}
