/**
 * The statistics API's reads: resolve the period in the site's days, check the figure's
 * parameters, build the table from the read models, the records behind a row, or a file.
 */
import type { StatFigureRequest } from '../../common/api/statistics.js';
import type { StatExport, StatRecords, StatTable } from '../../common/statistics.js';
import type { DustPresetId } from '../alarms/rules/dust-presets.js';
import type { Database } from '../store/database.js';
import { exportTable } from './export-table.js';
import { buildFigure, type FigureContext } from './figures.js';
import { resolvePeriod } from './period.js';
import { StatReader } from './stat-reader.js';
import { StatRecordsReader } from './records.js';

export interface StatisticsQueriesDeps {
  db: Database;
  timeZone: () => string;
  preset: () => DustPresetId;
  /** `building`: the building it serves (site file, else its footprint), null or absent: none. */
  devices: () => Array<{ id: string; name: string; kind: string; building?: string | null }>;
  /** The site model's buildings (default none). */
  buildings?: () => Array<{ id: string; name: string }>;
  now?: () => number;
}

export class StatisticsQueries {
  private readonly ctx: FigureContext;
  private readonly recordsReader: StatRecordsReader;

  constructor(private readonly deps: StatisticsQueriesDeps) {
    const now = deps.now ?? Date.now;
    const buildings = deps.buildings ?? (() => []);
    this.ctx = { db: deps.db, reader: new StatReader(deps.db), devices: deps.devices, buildings, preset: deps.preset, now };
    this.recordsReader = new StatRecordsReader(deps.db, (id) => deps.devices().some((d) => d.id === id), (building) =>
      buildings().some((b) => b.id === building) ? deps.devices().filter((d) => d.building === building).map((d) => d.id) : null,
    );
  }

  figure(request: StatFigureRequest): StatTable {
    return buildFigure(this.ctx, request.figure, resolvePeriod(request, this.deps.timeZone(), this.ctx.now()));
  }

  records(request: StatFigureRequest, row: string, column: string | null): StatRecords {
    return this.recordsReader.records(request.figure, resolvePeriod(request, this.deps.timeZone(), this.ctx.now()), row, column);
  }

  async export(request: StatFigureRequest, format: 'csv' | 'xlsx'): Promise<StatExport> {
    return exportTable(this.figure(request), format);
  }
}
