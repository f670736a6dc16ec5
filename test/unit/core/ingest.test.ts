import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../electron/common/api.js';
import type { DeviceConfig } from '../../../electron/core/config/site-schema.js';
import { DeviceStates } from '../../../electron/core/devices/device-states.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { IngestPipeline } from '../../../electron/core/pipeline/ingest.js';
import { LiveHub } from '../../../electron/core/pipeline/live-hub.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { TelemetryQuery } from '../../../electron/core/store/telemetry-query.js';
import { TelemetryWriter } from '../../../electron/core/store/telemetry-writer.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);

const devices: DeviceConfig[] = [
  { id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 1 },
  { id: 'dust-1', kind: 'dust', name: 'D1', expectedIntervalS: 5 },
];
const crane = { loadT: 2, ratedLoadT: 8, momentPct: 40, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 5, tiltDeg: 0.1 };

function setup() {
  const lines: string[] = [];
  const log = createLogger({ consoleLevel: 'debug', consoleWrite: (l) => lines.push(l) });
  const db = openDatabase(tempDir());
  const writer = new TelemetryWriter(db, log);
  const hub = new LiveHub();
  const events: LiveEvent[] = [];
  hub.subscribe((e) => events.push(e));
  let now = 1_000_000;
  const states = new DeviceStates(devices, (device) => hub.publish({ type: 'device', device }), () => now);
  const pipeline = new IngestPipeline(states, writer, hub, log);
  return { db, writer, states, pipeline, events, lines, advance: (ms: number) => (now += ms) };
}

describe('ingest pipeline', () => {
  it('stores a valid reading, marks the device online and pushes it live', () => {
    const { db, writer, states, pipeline, events } = setup();
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 5000, values: crane, via: 'test' })).toBe(true);
    writer.flush();
    expect(new TelemetryQuery(db).between('crane-1', 0, 10_000, 10)).toHaveLength(1);
    expect(states.list().find((d) => d.id === 'crane-1')).toMatchObject({ status: 'online', lastValues: crane });
    expect(events.map((e) => e.type)).toEqual(['device', 'telemetry']);
    writer.close();
    closeDatabase(db);
  });

  it('rejects out-of-range values with the field named, counts them, and does not store them', () => {
    const { db, writer, states, pipeline } = setup();
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 1, values: { ...crane, loadT: -3 }, via: 'test' })).toBe(false);
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 1, values: { ...crane, momentPct: 400 }, via: 'test' })).toBe(false);
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 1, values: { ...crane, slewDeg: 'north' }, via: 'test' })).toBe(false);
    const view = states.list().find((d) => d.id === 'crane-1')!;
    expect(view.badPayloads).toBe(3);
    expect(view.lastError).toMatch(/^slewDeg:/);
    writer.flush();
    expect(new TelemetryQuery(db).between('crane-1', 0, 10, 10)).toHaveLength(0);
    // Good data after the garbage still gets through.
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 2, values: crane, via: 'test' })).toBe(true);
    writer.close();
    closeDatabase(db);
  });

  it('reports an unknown device once and a kind mismatch as a bad payload', () => {
    const { db, writer, states, pipeline, lines } = setup();
    pipeline.ingest({ deviceId: 'crane-9', kind: 'crane', ts: 1, values: crane, via: 'test' });
    pipeline.ingest({ deviceId: 'crane-9', kind: 'crane', ts: 2, values: crane, via: 'test' });
    expect(states.unknownDevices()).toEqual(['crane-9']);
    expect(lines.filter((l) => l.includes('crane-9'))).toHaveLength(1);
    expect(pipeline.getStats().unknownDevice).toBe(2);
    pipeline.ingest({ deviceId: 'dust-1', kind: 'crane', ts: 1, values: crane, via: 'test' });
    expect(states.list().find((d) => d.id === 'dust-1')?.lastError).toBe('sent as crane, but registered as dust');
    writer.close();
    closeDatabase(db);
  });

  it('logs bad payloads from one device at most once a minute', () => {
    const { db, writer, pipeline, lines } = setup();
    for (let i = 0; i < 50; i++) pipeline.rejectReading('dust-1', 'payload is not valid JSON', 'mqtt');
    expect(lines.filter((l) => l.includes('bad payload rejected'))).toHaveLength(1);
    writer.close();
    closeDatabase(db);
  });

  it('drops a repeated reading (QoS 1 redelivery) but keeps a new one with the same values', () => {
    const { db, writer, pipeline } = setup();
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 7000, values: crane, via: 'test' })).toBe(true);
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 7000, values: { ...crane }, via: 'test' })).toBe(false);
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 8000, values: crane, via: 'test' })).toBe(true);
    expect(pipeline.getStats()).toMatchObject({ accepted: 2, duplicates: 1, rejected: 0 });
    // Stamped on arrival (no device clock): identical values in the same millisecond are still new readings.
    expect(pipeline.ingest({ deviceId: 'crane-1', kind: 'crane', ts: 8000, values: crane, via: 'test', deviceTime: false })).toBe(true);
    writer.flush();
    expect(new TelemetryQuery(db).between('crane-1', 0, 10_000, 10)).toHaveLength(3);
    writer.close();
    closeDatabase(db);
  });

  it('accepts a partial dust reading but not an empty one', () => {
    const { db, writer, pipeline } = setup();
    expect(pipeline.ingest({ deviceId: 'dust-1', kind: 'dust', ts: 1, values: { pm10: 80 }, via: 'test' })).toBe(true);
    expect(pipeline.ingest({ deviceId: 'dust-1', kind: 'dust', ts: 1, values: {}, via: 'test' })).toBe(false);
    writer.close();
    closeDatabase(db);
  });

  it('marks a device offline after three silent intervals and online again on data', () => {
    const { db, writer, states, pipeline, advance } = setup();
    pipeline.ingest({ deviceId: 'dust-1', kind: 'dust', ts: 1, values: { pm10: 50 }, via: 'test' });
    advance(14_000);
    states.sweep();
    expect(states.list().find((d) => d.id === 'dust-1')?.status).toBe('online');
    advance(2_000);
    states.sweep();
    expect(states.list().find((d) => d.id === 'dust-1')?.status).toBe('offline');
    pipeline.ingest({ deviceId: 'dust-1', kind: 'dust', ts: 2, values: { pm10: 50 }, via: 'test' });
    expect(states.list().find((d) => d.id === 'dust-1')?.status).toBe('online');
    writer.close();
    closeDatabase(db);
  });
});
