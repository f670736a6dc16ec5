import './gates-strings.js';
import './gates.css';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateWatch, CertificateWatchRow } from '../../../../electron/common/api.js';
import type { WorkforceTabProps } from './WorkforceView.js';

/** How often the board is read again (certificates change by the day; drivers by the minute). */
const REFRESH_MS = 30_000;

/** 证书: certificates expiring within 30 days, expired on the project, machines' drivers, and workers without induction. */
export function CertificatesTab({ client }: WorkforceTabProps) {
  const { t } = useTranslation();
  const [board, setBoard] = useState<CertificateWatch | null>(null);
  useEffect(() => {
    let cancelled = false;
    const read = () => client.call('getCertificateWatch').then((b) => !cancelled && setBoard(b), () => undefined);
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);
  const yesNo = (v: boolean) => t(v ? 'workforce.certificates.yes' : 'workforce.certificates.no');
  return (
    <section data-testid="workforce-certificates" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12 }}>
      <section className="panel" data-testid="cert-operators">
        <h3>{t('workforce.certificates.operators')}</h3>
        <Table
          head={['machine', 'driver', 'type', 'validTo', 'state']}
          rows={(board?.operators ?? []).map((o) => ({
            key: o.deviceId,
            cells: [
              o.deviceName,
              o.workerName ?? o.reportedId,
              o.certificate ? t(`workforce.certificates.certType.${o.certificate.type}`) : '—',
              o.certificate?.validTo ?? '—',
              <span key="s" className={o.state === 'ok' ? '' : 'cert-bad'}>
                {t(`workforce.certificates.operatorState.${o.state}`)}
              </span>,
            ],
          }))}
        />
      </section>
      <section className="panel" data-testid="cert-expired">
        <h3>{t('workforce.certificates.expired')}</h3>
        <CertTable rows={board?.expired ?? []} yesNo={yesNo} bad />
      </section>
      <section className="panel" data-testid="cert-expiring">
        <h3>{t('workforce.certificates.expiring')}</h3>
        <CertTable rows={board?.expiring ?? []} yesNo={yesNo} />
      </section>
      <section className="panel" data-testid="cert-no-induction">
        <h3>{t('workforce.certificates.noInduction')}</h3>
        <Table head={['worker', 'company', 'team', 'inside']} rows={(board?.noInduction ?? []).map((w) => ({ key: String(w.workerId), cells: [w.name, w.company ?? '—', w.team ?? '—', yesNo(w.inside)] }))} />
      </section>
    </section>
  );
}

function CertTable({ rows, yesNo, bad = false }: { rows: CertificateWatchRow[]; yesNo: (v: boolean) => string; bad?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      head={['worker', 'company', 'type', 'number', 'validTo', 'daysLeft', 'inside']}
      rows={rows.map((c) => ({
        key: String(c.certificateId),
        cells: [
          c.workerName,
          c.company ?? '—',
          t(`workforce.certificates.certType.${c.type}`),
          c.number,
          c.validTo,
          <span key="d" className={bad ? 'cert-bad' : 'cert-warn'}>
            {c.daysLeft < 0 ? t('workforce.certificates.expiredAgo', { days: -c.daysLeft }) : c.daysLeft}
          </span>,
          yesNo(c.inside),
        ],
      }))}
    />
  );
}

function Table({ head, rows }: { head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="hint">{t('workforce.certificates.empty')}</p>;
  return (
    <table className="wf-table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{t(`workforce.certificates.${h}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
