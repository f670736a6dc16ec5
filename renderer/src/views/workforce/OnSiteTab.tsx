import './gates-strings.js';
import './gates.css';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadcountGroup, HeadcountView, PassageView } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { useMediaUrl } from '../../video/media-tickets.js';
import type { WorkforceTabProps } from './WorkforceView.js';

const GROUPS = ['byCompany', 'byTeam', 'byTrade', 'byZone'] as const;
const PASSAGES_REFRESH_MS = 3000;
const REFUSED = new Set(['unknown', 'blacklisted', 'exited-worker', 'no-induction', 'too-late']);

/** Reads the headcount once, then follows the live `headcount` events; passages are read again as it changes. */
function useOnSite({ client, state }: Pick<WorkforceTabProps, 'client' | 'state'>) {
  const live = useSyncExternalStore(state.headcount.subscribe, state.headcount.get);
  const [first, setFirst] = useState<HeadcountView | null>(null);
  const [passages, setPassages] = useState<PassageView[]>([]);
  useEffect(() => {
    let cancelled = false;
    client.call('getHeadcount').then((h) => !cancelled && setFirst(h), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [client]);
  // Refused passages (unknown cards…) do not move the headcount, so the list is also read every few seconds.
  useEffect(() => {
    let cancelled = false;
    const read = () => client.call('listPassages', { limit: 30 }).then((p) => !cancelled && setPassages(p), () => undefined);
    void read();
    const timer = setInterval(read, PASSAGES_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, live]);
  const headcount = live && (!first || live.at >= first.at) ? live : first;
  return { headcount, passages };
}

/** 在场人员: who is inside now by company, team, trade and zone, managers apart, and the latest passages. */
export function OnSiteTab(props: WorkforceTabProps) {
  const { t } = useTranslation();
  const { headcount, passages } = useOnSite(props);
  return (
    <section className="workforce-onsite" data-testid="workforce-onsite" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div className="headcount-tiles">
        <Tile label={t('workforce.onsite.total')} value={headcount?.total} testId="onsite-total" />
        <Tile label={t('workforce.onsite.workers')} value={headcount?.workers} />
        <Tile label={t('workforce.onsite.managers')} value={headcount?.managers} />
        {headcount && headcount.unregistered > 0 && <Tile label={t('workforce.onsite.unregistered')} value={headcount.unregistered} />}
      </div>
      <div className="headcount-groups">
        {GROUPS.map((g) => (
          <GroupTable key={g} title={t(`workforce.onsite.${g}`)} groups={headcount?.[g] ?? []} testId={`onsite-${g}`} />
        ))}
      </div>
      <div className="wf-columns">
        <ManagersPanel headcount={headcount} timeZone={props.timeZone} />
        <PassagesPanel passages={passages} timeZone={props.timeZone} />
      </div>
    </section>
  );
}

function Tile({ label, value, testId }: { label: string; value: number | undefined; testId?: string }) {
  return (
    <div className="headcount-tile">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {value ?? '—'}
      </div>
    </div>
  );
}

function GroupTable({ title, groups, testId }: { title: string; groups: HeadcountGroup[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid={testId}>
      <h3>{title}</h3>
      <table className="wf-table">
        <thead>
          <tr>
            <th>{t('workforce.onsite.group')}</th>
            <th className="num">{t('workforce.onsite.workers')}</th>
            <th className="num">{t('workforce.onsite.managers')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <td>{g.label === '-' ? '—' : g.label}</td>
              <td className="num">{g.workers}</td>
              <td className="num">{g.managers}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length === 0 && <p className="hint">{t('workforce.onsite.none')}</p>}
    </section>
  );
}

function ManagersPanel({ headcount, timeZone }: { headcount: HeadcountView | null; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const managers = headcount?.managersOnSite ?? [];
  return (
    <section className="panel" data-testid="onsite-managers">
      <h3>{t('workforce.onsite.managersTitle')}</h3>
      {managers.length === 0 ? (
        <p className="hint">{t('workforce.onsite.noManagers')}</p>
      ) : (
        <table className="wf-table">
          <thead>
            <tr>
              <th>{t('workforce.onsite.person')}</th>
              <th>{t('workforce.onsite.post')}</th>
              <th>{t('workforce.onsite.company')}</th>
              <th>{t('workforce.onsite.since')}</th>
            </tr>
          </thead>
          <tbody>
            {managers.map((m) => (
              <tr key={m.workerId}>
                <td>{m.name}</td>
                <td>{m.post ?? '—'}</td>
                <td>{m.company ?? '—'}</td>
                <td>{formatSiteTime(m.since, timeZone, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PassagesPanel({ passages, timeZone }: { passages: PassageView[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" data-testid="onsite-passages">
      <h3>{t('workforce.onsite.recent')}</h3>
      <table className="wf-table">
        <thead>
          <tr>
            <th>{t('workforce.onsite.time')}</th>
            <th>{t('workforce.onsite.gate')}</th>
            <th>{t('workforce.onsite.person')}</th>
            <th>{t('workforce.onsite.company')}</th>
            <th>{t('workforce.onsite.direction')}</th>
            <th>{t('workforce.onsite.outcome')}</th>
            <th>{t('workforce.onsite.photo')}</th>
          </tr>
        </thead>
        <tbody>
          {passages.map((p) => (
            <tr key={p.id}>
              <td>{formatSiteTime(p.at, timeZone, i18n.language, true)}</td>
              <td>{p.gateName}</td>
              <td>{p.workerName ?? t('workforce.onsite.unknownPerson')}</td>
              <td>{p.company ?? '—'}</td>
              <td>{t(`workforce.onsite.dir.${p.direction}`)}</td>
              <td className={REFUSED.has(p.outcome) ? 'outcome-refused' : ''}>{t(`workforce.onsite.result.${p.outcome}`)}</td>
              <td>{p.photo ? <Thumb path={p.photo} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Thumb({ path }: { path: string }) {
  const { t } = useTranslation();
  const src = useMediaUrl(path);
  return src ? (
    <a href={src} target="_blank" rel="noreferrer">
      <img className="passage-thumb" src={src} alt={t('workforce.onsite.photo')} />
    </a>
  ) : null;
}
