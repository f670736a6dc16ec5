import { useCallback, useEffect, useState } from 'react';
import type { AuthorityNoticeView } from '../../../../electron/common/api/authority.js';
import { call } from './api.js';
import { dateTime, NOTICE_KIND_ZH, NOTICE_STATE_ZH } from './format.js';

const EVIDENCE_ZH: Record<string, string> = { alarm: '报警', clip: '录像片段', 'panorama-pin': '全景标注', photo: '照片' };

const ACTION_ZH: Record<string, string> = {
  'notice-issued': '下达',
  'downlink-acked': '已送达平台消息服务',
  'downlink-delivered': '工地已确认收到',
  'notice-answered': '工地回复',
  'notice-verify': '复查合格',
  'notice-reopen': '复查不合格，退回整改',
  'notice-close': '销项关闭',
  'notice-answer-refused': '回复被拒收',
};

/** One notice: what was ordered, the site's answers with their photos, the steps, and its audit. */
export function NoticeDetail({ id, onSite }: { id: string; onSite: (siteId: string) => void }) {
  const [notice, setNotice] = useState<AuthorityNoticeView | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call<AuthorityNoticeView>('GET', `/api/authority/notices/${id}`).then(setNotice, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(() => {
    load();
    const t = setInterval(load, 3_000);
    return () => clearInterval(t);
  }, [load]);
  const step = async (action: 'verify' | 'reopen' | 'close') => {
    setError(null);
    try {
      setNotice(await call<AuthorityNoticeView>('POST', `/api/authority/notices/${id}/${action}`, { comment }));
      setComment('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!notice) return error ? <p className="form-error">⚠ {error}</p> : <p className="au-dim">加载中…</p>;
  return (
    <div className="au-notice" data-testid="au-notice-detail">
      <header className="au-site-head">
        <button type="button" onClick={() => onSite(notice.siteId)}>
          ← {notice.siteName}
        </button>
        <h2>
          <span className={notice.kind === 'stop-work' ? 'au-stop' : undefined}>{NOTICE_KIND_ZH[notice.kind]}</span> {notice.title}
        </h2>
        <strong data-testid="au-notice-state">{NOTICE_STATE_ZH[notice.state]}</strong>
        {notice.pendingDownlinks > 0 && <span className="au-dim">（{notice.pendingDownlinks} 条待工地确认收到）</span>}
      </header>
      <div className="au-site-grid">
        <section className="au-panel">
          <h3>通知内容</h3>
          <p className="au-pre">{notice.body}</p>
          <p className="au-dim">
            编号 {notice.id} · 期限 {notice.dueDate} · 签发 {notice.issuerOrg} {notice.issuer} · {dateTime(notice.createdAt)}
          </p>
          {notice.evidence.length > 0 && (
            <ul>
              {notice.evidence.map((e) => (
                <li key={`${e.type}:${e.ref}`}>
                  {EVIDENCE_ZH[e.type] ?? e.type} {e.ref} {e.note ?? ''}
                </li>
              ))}
            </ul>
          )}
          <h3>工地回复</h3>
          {notice.answers.length === 0 ? (
            <p className="au-dim">尚未回复</p>
          ) : (
            notice.answers.map((a) => (
              <div key={`${a.at}`} className="au-answer" data-testid="au-answer">
                <p className="au-pre">{a.answer}</p>
                <p className="au-dim">
                  {a.by} · {dateTime(a.at)}
                </p>
                <div className="au-photos">
                  {a.photos.map((p) =>
                    p.dataBase64 ? (
                      <img key={p.sha256} src={`data:${p.mime};base64,${p.dataBase64}`} alt={p.name} title={`SHA-256 ${p.sha256}`} data-testid="au-answer-photo" />
                    ) : (
                      <span key={p.sha256} className="au-dim">
                        照片 {p.name}（存于工地，SHA-256 {p.sha256.slice(0, 12)}…）
                      </span>
                    ),
                  )}
                </div>
              </div>
            ))
          )}
          {notice.state !== 'closed' && (
            <div className="au-actions">
              <input value={comment} onChange={(e) => setComment(e.target.value)} placeholder="复查意见" data-testid="au-comment" />
              {notice.state === 'answered' && (
                <button type="button" onClick={() => void step('verify')} data-testid="au-verify">
                  复查合格
                </button>
              )}
              {(notice.state === 'answered' || notice.state === 'verified') && (
                <button type="button" onClick={() => void step('reopen')} data-testid="au-reopen">
                  退回整改
                </button>
              )}
              <button type="button" onClick={() => void step('close')} data-testid="au-close">
                销项关闭
              </button>
            </div>
          )}
          {error && (
            <p className="form-error" role="alert">
              ⚠ {error}
            </p>
          )}
        </section>
        <section className="au-panel">
          <h3>审计记录</h3>
          <ol className="au-audit" data-testid="au-audit">
            {notice.audit.map((a) => (
              <li key={a.id}>
                <span>{dateTime(a.at)}</span> <strong>{ACTION_ZH[a.action] ?? a.action}</strong> <span className="au-dim">{a.actor}</span>
                {typeof a.detail.comment === 'string' && a.detail.comment ? <span>：{a.detail.comment}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
