import { useState, type FormEvent } from 'react';
import type { AuthorityNoticeView } from '../../../../electron/common/api/authority.js';
import type { NoticeEvidence } from '../../../../electron/common/supervision.js';
import { call } from './api.js';

const EVIDENCE_ZH: Record<NoticeEvidence['type'], string> = { alarm: '报警编号', clip: '录像片段', 'panorama-pin': '全景标注', photo: '照片' };

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** Issues a rectification notice or a stop-work order to one site, with evidence on the site. */
export function NoticeForm({ siteId, onIssued }: { siteId: string; onIssued: (n: AuthorityNoticeView) => void }) {
  const [kind, setKind] = useState<'rectification' | 'stop-work'>('rectification');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [dueDate, setDueDate] = useState(inDays(7));
  const [evType, setEvType] = useState<NoticeEvidence['type']>('alarm');
  const [evRef, setEvRef] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const evidence = evRef.trim() ? [{ type: evType, ref: evRef.trim() }] : [];
      onIssued(await call<AuthorityNoticeView>('POST', '/api/authority/notices', { siteId, kind, title, body, dueDate, evidence }));
      setTitle('');
      setBody('');
      setEvRef('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="au-panel au-form" onSubmit={submit} data-testid="au-notice-form">
      <h3>下达督办</h3>
      <div className="au-kinds" role="radiogroup" aria-label="类型">
        <label>
          <input type="radio" checked={kind === 'rectification'} onChange={() => setKind('rectification')} /> 整改通知
        </label>
        <label className="au-stop">
          <input type="radio" data-testid="au-kind-stop-work" checked={kind === 'stop-work'} onChange={() => setKind('stop-work')} /> 停工令
        </label>
      </div>
      <label>
        标题
        <input data-testid="au-notice-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>
      <label>
        内容与依据
        <textarea data-testid="au-notice-body" value={body} onChange={(e) => setBody(e.target.value)} required rows={3} maxLength={4000} />
      </label>
      <div className="au-row2">
        <label>
          整改期限
          <input type="date" data-testid="au-notice-due" value={dueDate} onChange={(e) => setDueDate(e.target.value)} required />
        </label>
        <label>
          证据
          <select value={evType} onChange={(e) => setEvType(e.target.value as NoticeEvidence['type'])}>
            {Object.entries(EVIDENCE_ZH).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          证据编号
          <input data-testid="au-notice-evidence" value={evRef} onChange={(e) => setEvRef(e.target.value)} placeholder="如报警编号" />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          ⚠ {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="au-notice-submit">
        {kind === 'stop-work' ? '下达停工令' : '下达整改通知'}
      </button>
    </form>
  );
}
