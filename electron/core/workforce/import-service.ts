/**
 * Imports a subcontractor's list: parse and check every row (worker thread), check the good ones
 * against the registry (already registered, blacklisted, gate card taken), then — on commit —
 * write all good rows in ONE SQLite transaction, companies and teams named in the rows created
 * once. Preview writes nothing. A refused row is never written at all; the good rows are written
 * all or none.
 *
 * The transaction is written in chunks with a turn of the event loop between them, so the core
 * keeps answering during a 50,000-row commit. Other writers on the core's one connection that run
 * in those turns join the same transaction (better-sqlite3 nests them as savepoints); the import
 * only rolls back on an unexpected failure, every row having been checked before.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ApiError } from '../../common/api.js';
import { IMPORT_MAX_ROWS, type ImportReport, type ImportRowReport } from '../../common/api/workforce.js';
import { HEADER_OF_FIELD } from './import-columns.js';
import type { ParsedRow } from './import-parse.js';
import { withDeferredCheckpoint } from './import-checkpoint.js';
import { runImportParse } from './import-runner.js';
import { maskName, type Actor, type RegistryService } from './registry-service.js';

/** Longest the import works before giving the event loop a turn, in ms. */
const TURN_MS = 8;

/** Yields to the event loop once `TURN_MS` of work has been done since the last turn. */
class Turns {
  private since = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.since < TURN_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}

export class ImportService {
  private running = false;

  constructor(private readonly registry: RegistryService) {}

  async run(actor: Actor, bytes: Uint8Array, format: 'xlsx' | 'csv', mode: 'preview' | 'commit'): Promise<ImportReport> {
    if (this.running) throw new ApiError('rate-limited', 'another import is running; wait for it to finish');
    this.running = true;
    try {
      const rows = await runImportParse({ bytes, format, today: this.registry.today(), maxRows: IMPORT_MAX_ROWS });
      await this.checkAgainstRegistry(rows);
      const good = rows.filter((r) => r.worker !== null);
      let created = { companies: [] as string[], teams: [] as string[] };
      if (mode === 'commit' && good.length > 0) created = await withDeferredCheckpoint(this.registry.store.db, () => this.commit(actor, good));
      else if (mode === 'preview') created = this.wouldCreate(good);
      const report: ImportRowReport[] = rows.map((r) => ({
        row: r.row,
        name: r.name,
        idMasked: r.idMasked,
        status: r.worker ? 'taken' : 'refused',
        problems: r.problems.map(({ field, column, reason, key }) => ({ field, column, reason, key })),
      }));
      return {
        mode,
        format,
        rows: rows.length,
        taken: good.length,
        refused: rows.length - good.length,
        committed: mode === 'commit' && good.length > 0,
        companiesCreated: created.companies,
        teamsCreated: created.teams,
        report,
      };
    } finally {
      this.running = false;
    }
  }

  /** Refuses rows whose person is registered or blacklisted, or whose gate card is someone else's. */
  private async checkAgainstRegistry(rows: ParsedRow[]): Promise<void> {
    const store = this.registry.store;
    const turns = new Turns();
    // Prepared once: 50,000 rows × 3 look-ups.
    const listedBy = store.db.prepare('SELECT reason FROM wf_blacklist WHERE id_hash = ? AND removed_at IS NULL ORDER BY id DESC LIMIT 1');
    const workerBy = store.db.prepare('SELECT name, id_masked FROM wf_workers WHERE id_hash = ?');
    const cardBy = store.db.prepare('SELECT 1 FROM wf_workers WHERE card_no = ?');
    for (let i = 0; i < rows.length; i++) {
      await turns.maybeYield();
      const r = rows[i]!;
      if (!r.worker) continue;
      const refuse = (field: string, key: string, reason: string) => {
        r.problems.push({ field, column: HEADER_OF_FIELD[field] ?? field, key: `wf.err.${key}`, reason });
        r.worker = null;
        r.membership = null;
      };
      const hash = store.cipher.hash(r.worker.idNumber);
      const listed = listedBy.get(hash) as { reason: string } | undefined;
      if (listed) {
        refuse('idNumber', 'blacklisted', `idNumber: this person is on the worker blacklist (${listed.reason})`);
        continue;
      }
      const existing = workerBy.get(hash) as { name: string; id_masked: string } | undefined;
      if (existing) {
        refuse('idNumber', 'duplicate', `idNumber: this ID number is already registered as ${maskName(existing.name)} (${existing.id_masked})`);
        continue;
      }
      if (r.worker.cardNo && cardBy.get(r.worker.cardNo)) refuse('cardNo', 'card-taken', `cardNo: gate card ${r.worker.cardNo} is already given to another worker`);
    }
  }

  private wouldCreate(good: ParsedRow[]): { companies: string[]; teams: string[] } {
    const companies = new Map(this.registry.companies().map((c) => [c.creditCode, c]));
    const teams = new Set(this.registry.teams().map((t) => `${t.companyId}\u0000${t.name}`));
    const newCompanies = new Set<string>();
    const newTeams = new Set<string>();
    for (const r of good) {
      const company = companies.get(r.company!.creditCode);
      if (!company) newCompanies.add(r.company!.name);
      if (r.teamName && (!company || !teams.has(`${company.id}\u0000${r.teamName}`))) newTeams.add(`${company?.name ?? r.company!.name} ${r.teamName}`);
    }
    return { companies: [...newCompanies], teams: [...newTeams] };
  }

  private async commit(actor: Actor, good: ParsedRow[]): Promise<{ companies: string[]; teams: string[] }> {
    const { store } = this.registry;
    const db = store.db;
    const companies = new Map(this.registry.companies().map((c) => [c.creditCode, c.id]));
    const teams = new Map(this.registry.teams().map((t) => [`${t.companyId}\u0000${t.name}`, t.id]));
    const created = { companies: [] as string[], teams: [] as string[] };
    const turns = new Turns();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < good.length; i++) {
        await turns.maybeYield();
        const r = good[i]!;
        let companyId = companies.get(r.company!.creditCode);
        if (companyId === undefined) {
          companyId = store.createCompany({ creditCode: r.company!.creditCode, name: r.company!.name, kind: 'sub' });
          companies.set(r.company!.creditCode, companyId);
          created.companies.push(r.company!.name);
          this.registry.change(actor, 'company', companyId, 'import', undefined, { creditCode: r.company!.creditCode, name: r.company!.name, kind: 'sub' });
        }
        let teamId: number | null = null;
        if (r.teamName) {
          const key = `${companyId}\u0000${r.teamName}`;
          teamId = teams.get(key) ?? null;
          if (teamId === null) {
            teamId = store.createTeam({ companyId, name: r.teamName });
            teams.set(key, teamId);
            created.teams.push(`${r.company!.name} ${r.teamName}`);
            this.registry.change(actor, 'team', teamId, 'import', undefined, { companyId, name: r.teamName });
          }
        }
        this.registry.write(actor, r.worker!, { ...r.membership!, companyId, teamId }, r.certificates, 'import');
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw new ApiError('conflict', `nothing was imported: the registry changed while the file was being written (${(error as Error).message.slice(0, 160)}); run the import again`);
    }
    return created;
  }
}
