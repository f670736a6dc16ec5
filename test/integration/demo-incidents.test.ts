import { afterAll, describe, expect, it } from 'vitest';
import type { AlarmDetail } from '../../electron/common/api.js';
import type { Alarm } from '../../electron/common/alarms.js';
import { demoSiteDir } from '../../electron/core/app-paths.js';
import { loadSiteDirectory } from '../../electron/core/config/load-site.js';
import { createLogger } from '../../electron/core/log/logger.js';
import { DEFAULT_INCIDENT_SCHEDULE } from '../../electron/core/sim/incidents/incident-schedule.js';
import { SiteSimulator } from '../../electron/core/sim/site-simulator.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
let broker: MosquittoBroker | undefined;
let serve: ServeProcess | undefined;
let simulator: SiteSimulator | undefined;

afterAll(async () => {
  await simulator?.stop();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

// The demo site's core (on a real mosquitto) with the demo simulator playing its schedule,
// compressed: the first incident after 5 s instead of 75 s. The hook camera has been streaming since
// the core started, so its 10 s pre-roll is full when the first alarm (the 90 % pre-warning, about
// 6 s into the incident) comes.
describe('the demo plays its incidents through the real alarm pipeline', () => {
  it('raises the first incident’s crane alarms within two minutes, with the hook camera’s evidence clip', async () => {
    const started = Date.now();
    broker = await MosquittoBroker.start();
    serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url]);
    const token = await login(serve.url);
    await serve.waitFor(/connected to broker/);
    const site = loadSiteDirectory(demoSiteDir()).site;
    simulator = new SiteSimulator(site, broker.url, quiet, null, () => [], { ...DEFAULT_INCIDENT_SCHEDULE, firstAtS: 5 });
    await simulator.start();

    let cutoff: Alarm | undefined;
    while (!cutoff && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 250));
      const alarms = (await getJson<Alarm[]>(`${serve.url}/api/alarms`, token)).body;
      cutoff = alarms.find((a) => a.conditionKey === 'crane-1:moment:cutoff');
    }
    expect(cutoff, serve.output.slice(-2000)).toBeDefined();
    expect(cutoff).toMatchObject({ priority: 'critical', latched: true, sourceDevice: 'crane-1' });
    const keys = (await getJson<Alarm[]>(`${serve.url}/api/alarms`, token)).body.map((a) => a.conditionKey);
    expect(keys).toEqual(expect.arrayContaining(['crane-1:moment:warning', 'crane-1:moment:overload', 'crane-1:moment:cutoff']));

    // The hook camera (recording, linked to crane-1) attaches its clip: pre-roll + 20 s after activation.
    let detail: AlarmDetail | undefined;
    for (let i = 0; i < 240 && !detail?.clips.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      detail = (await getJson<AlarmDetail>(`${serve.url}/api/alarms/${cutoff!.id}`, token)).body;
    }
    expect(detail?.clips.map((c) => c.cameraId)).toEqual(['cam-crane1-hook']);
  }, 200_000);
});
