import type { AuthorityNoticeSummary } from '../../../../electron/common/api/authority.js';
import { dateTime, NOTICE_KIND_ZH, NOTICE_STATE_ZH } from './format.js';

/** One notice as a table row: the platform's list shows its site, a site's page does not. */
export function NoticeRow({ notice: n, withSite, onOpen, testId }: { notice: AuthorityNoticeSummary; withSite: boolean; onOpen: (id: string) => void; testId?: string }) {
  return (
    <tr onClick={() => onOpen(n.id)} data-testid={testId}>
      <td>{n.id}</td>
      {withSite && <td>{n.siteName}</td>}
      <td className={n.kind === 'stop-work' ? 'au-stop' : undefined}>{NOTICE_KIND_ZH[n.kind]}</td>
      <td>{n.title}</td>
      <td>{NOTICE_STATE_ZH[n.state]}</td>
      <td>期限 {n.dueDate}</td>
      <td>{dateTime(n.createdAt)}</td>
    </tr>
  );
}
