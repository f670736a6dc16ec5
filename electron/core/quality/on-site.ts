/**
 * Whom a notice can go to: companies and teams of the real-name registry with at least one person
 * on the project now (an open stint, 建市〔2019〕18号). A company whose people have all left, or one
 * never on this project, cannot be made to rectify anything here.
 */
import type { QualityAssignee } from '../../common/api/quality.js';
import type { Database } from '../store/database.js';

export function onSiteAssignees(db: Database): QualityAssignee[] {
  const companies = db
    .prepare(
      `SELECT c.id, c.name FROM wf_companies c
        WHERE EXISTS (SELECT 1 FROM wf_memberships m WHERE m.company_id = c.id AND m.exited_on IS NULL)
        ORDER BY c.id`,
    )
    .all() as { id: number; name: string }[];
  const teams = db
    .prepare(
      `SELECT t.id, t.name, t.company_id FROM wf_teams t
        WHERE EXISTS (SELECT 1 FROM wf_memberships m WHERE m.team_id = t.id AND m.exited_on IS NULL)
        ORDER BY t.id`,
    )
    .all() as { id: number; name: string; company_id: number }[];
  return companies.map((c) => ({
    companyId: c.id,
    companyName: c.name,
    teams: teams.filter((t) => t.company_id === c.id).map((t) => ({ id: t.id, name: t.name })),
  }));
}

/** Names of every company and team ever registered (a closed notice keeps its company's name after it left). */
export function registryNames(db: Database): { companies: Map<number, string>; teams: Map<number, string> } {
  const companies = new Map((db.prepare('SELECT id, name FROM wf_companies').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const teams = new Map((db.prepare('SELECT id, name FROM wf_teams').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  return { companies, teams };
}
