import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SiteSummary, SourceStatus } from '../common/site.js';
import { AlarmService } from './alarms/alarm-service.js';
import { VideoSocketServer } from './api/video-socket.js';
import { CameraRegistry } from './cameras/camera-registry.js';
import { CredentialVault } from './secrets/credential-vault.js';
import { KeyFileSealer, type SecretSealer } from './secrets/secret-sealer.js';
import { VideoService } from './video/video-service.js';
import { EvidenceRecorder } from './video/evidence-recorder.js';
import { isUnacknowledged } from '../common/alarms.js';
import { createApiHandlers, type ApiHandlers } from './api/handlers.js';
import { checkPortFree, HttpApiServer } from './api/http-server.js';
import { LiveSocketServer } from './api/live-socket.js';
import { AuthService } from './auth/auth-service.js';
import { loadSiteDirectory, type LoadedSite } from './config/load-site.js';
import { DeviceStates } from './devices/device-states.js';
import { WorkerRoster } from './devices/worker-roster.js';
import { createLogger, type Logger } from './log/logger.js';
import { RotatingFile } from './log/rotating-file.js';
import { IngestPipeline } from './pipeline/ingest.js';
import { LiveHub } from './pipeline/live-hub.js';
import { ServiceRegistry, type Service } from './services/service-registry.js';
import { SiteSimulator } from './sim/site-simulator.js';
import { EmbeddedBroker } from './sources/mqtt/embedded-broker.js';
import { Hj212Listener } from './sources/hj212/hj212-listener.js';
import { MqttSource } from './sources/mqtt/mqtt-source.js';
import { closeDatabase, openDatabase, prepareDataDirectory, type Database } from './store/database.js';
import { HistoryQuery } from './store/history-query.js';
import { IntervalQuery } from './store/interval-query.js';
import { IntervalWriter } from './store/interval-writer.js';
import { RetentionService, type RetentionOptions } from './store/retention.js';
import { TelemetryQuery } from './store/telemetry-query.js';
import { TelemetryWriter } from './store/telemetry-writer.js';
import { readVersion } from './version.js';
import { FederationService } from './federation/federation-service.js';
import { summarizeSiteStatus } from './federation/site-status.js';
import { DeviceRegistry } from './registry/device-registry.js';
import { EffectiveSite } from './registry/effective-site.js';
import { RegistryStore } from './registry/registry-store.js';
import { PanoramaService } from './panoramas/panorama-service.js';
import { PanoramaHttp } from './panoramas/panorama-http.js';

export interface SiteCoreOptions {
  siteDir: string;
  dataDir: string;
  host: string;
  port: number;
  /** External broker; when absent the core runs an embedded one on loopback. */
  mqttUrl?: string;
  /** Listen for HJ 212-2017 dust/noise monitors on this TCP port (absent: no listener). */
  hj212Port?: number;
  /** Address the HJ 212 listener binds; monitors are on the LAN, so all interfaces by default. */
  hj212Host?: string;
  /** Run the demo simulator (only with the embedded broker). */
  simulate: boolean;
  staticRoot: string;
  adminPassword?: string;
  /** Shows a line to the person at the console, never to the log file (first-start password). */
  announce: (line: string) => void;
  consoleLogLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Serve HTTP/WebSocket (the Electron shell may run with IPC only). Default true. */
  http?: boolean;
  /** Seals camera passwords at rest; the Electron shell passes the OS keychain's (safeStorage). */
  sealer?: SecretSealer;
  /** Disk for alarm evidence clips, bytes (default 2 GiB). */
  clipQuotaBytes?: number;
  /** Telemetry and HJ 212 interval data retention; defaults in store/retention.ts (raw 30 days, rollups and minute/hour data 2 years, day data 10 years). */
  retention?: Partial<RetentionOptions>;
}

/**
 * The site core: plain Node, no Electron. Composes the store, the sources, the ingest pipeline,
 * the API and its transports, starting them in order and stopping them in reverse.
 */
export class SiteCore {
  readonly version = readVersion();
  readonly hub = new LiveHub();
  readonly log: Logger;
  readonly loaded: LoadedSite;
  private readonly registry: ServiceRegistry;
  private readonly logFile: RotatingFile;
  private readonly sources = new Map<string, SourceStatus>();
  private db: Database | null = null;
  private writer: TelemetryWriter | null = null;
  private httpServer: HttpApiServer | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private apiHandlers: ApiHandlers | null = null;
  private authService: AuthService | null = null;
  private stopping: Promise<void> | null = null;
  private roster: WorkerRoster | null = null;

  constructor(private readonly options: SiteCoreOptions) {
    prepareDataDirectory(options.dataDir);
    prepareDataDirectory(join(options.dataDir, 'logs'));
    this.logFile = new RotatingFile(join(options.dataDir, 'logs', 'site-command.log'));
    this.log = createLogger({ file: this.logFile, consoleLevel: options.consoleLogLevel ?? 'info' });
    this.registry = new ServiceRegistry(this.log.child('services'));
    this.loaded = loadSiteDirectory(options.siteDir);
    for (const problem of this.loaded.problems) {
      this.log.error('site file problem', { file: problem.file, field: problem.field, problem: problem.message });
    }
  }

  get handlers(): ApiHandlers {
    if (!this.apiHandlers) throw new Error('core not started');
    return this.apiHandlers;
  }

  get auth(): AuthService {
    if (!this.authService) throw new Error('core not started');
    return this.authService;
  }

  get url(): string | null {
    return this.httpServer?.url ?? null;
  }

  get database(): Database | null {
    return this.db;
  }

  async start(): Promise<void> {
    // Port first: the commonest start-up failure should not wait for brokers and cameras.
    if (this.options.http !== false) await checkPortFree(this.options.host, this.options.port);
    const db = openDatabase(this.options.dataDir);
    this.db = db;
    // The site file is the installer's baseline; admins' registry edits (SQLite) go on top, so the
    // parts built here start from the edited values, and those that read positions follow later edits.
    const registry = new DeviceRegistry(this.loaded.site.devices, new RegistryStore(db));
    const effectiveSite = new EffectiveSite(this.loaded.site, registry);
    const site = effectiveSite.current;
    const writer = new TelemetryWriter(db, this.log.child('store'));
    this.writer = writer;
    const intervalWriter = new IntervalWriter(db, this.log.child('store'));
    this.registry.add(this.storeService(db, [writer, intervalWriter]));
    // Registered after the store so it stops before the database closes.
    const retention = new RetentionService(db, this.log.child('retention'), this.options.retention);
    this.registry.add(retention);

    const auth = new AuthService(db, this.log.child('auth'));
    this.authService = auth;
    await auth.ensureAdmin(this.options.adminPassword, this.options.announce);

    const devices = new DeviceStates(site.devices, (device) => this.hub.publish({ type: 'device', device }));
    registry.attach(devices);
    const telemetryQuery = new TelemetryQuery(db);
    const roster = new WorkerRoster((onSite) => this.hub.publish({ type: 'roster', onSite }));
    roster.restore(telemetryQuery.kindSince('gate', Date.now() - 24 * 3600_000));
    this.roster = roster;
    // Escalations go to the site's broker; the MQTT source is created below, so look it up late.
    let mqttSource: MqttSource | null = null;
    const alarms = new AlarmService(site, db, devices, this.hub, this.log.child('alarms'), (topic, payload) => mqttSource?.publish(topic, payload));
    this.registry.add(alarms);
    // A moved crane is judged at its new base from its next reading; every view drawing the site
    // model is told to fetch it again (the live channel carries no model, only that it changed).
    effectiveSite.onModelEdit((current, edit) => {
      const moved = current.devices.find((d) => d.id === edit.deviceId);
      if (edit.fields.includes('position') && moved?.kind === 'crane') alarms.relayoutCranes(current.devices);
      this.hub.publish({ type: 'siteModelChanged', deviceId: edit.deviceId, fields: edit.fields });
    });
    const pipeline = new IngestPipeline(devices, writer, this.hub, this.log.child('ingest'), [
      (record) => roster.apply(record),
      (record) => alarms.observe(record),
    ]);
    this.sweepTimer = setInterval(() => devices.sweep(), 1000);
    this.sweepTimer.unref();

    // HJ 212 listener: on the LAN when asked for; in the demo, on loopback for the simulated monitor.
    const demoSimulation = !this.options.mqttUrl && this.options.simulate;
    let hj212: Hj212Listener | null = null;
    if (this.options.hj212Port !== undefined || demoSimulation) {
      hj212 = new Hj212Listener(
        {
          host: this.options.hj212Port !== undefined ? (this.options.hj212Host ?? '0.0.0.0') : '127.0.0.1',
          port: this.options.hj212Port ?? 0,
          devices: site.devices,
          timeZone: site.timeZone,
          onStatus: (status) => this.setSourceStatus(status),
        },
        pipeline,
        intervalWriter,
        this.log.child('hj212'),
      );
      this.registry.add(hj212);
    }

    const brokerUrl = this.options.mqttUrl;
    if (!brokerUrl) {
      const broker = new EmbeddedBroker(this.log.child('broker'));
      this.registry.add(broker);
      // The broker's port is known only once it listens; sources read it then.
      const source = () => (mqttSource = new MqttSource(this.mqttOptions(broker.url, site.id), pipeline, this.log.child('mqtt')));
      this.registry.add(deferred('mqtt', false, source));
      if (this.options.simulate) {
        const listener = hj212;
        this.registry.add(
          deferred('simulator', false, () => {
            const target = listener && listener.port ? { host: '127.0.0.1', port: listener.port } : null;
            return new SiteSimulator(site, broker.url, this.log.child('sim'), target);
          }),
        );
      }
    } else {
      mqttSource = new MqttSource(this.mqttOptions(brokerUrl, site.id), pipeline, this.log.child('mqtt'));
      this.registry.add(mqttSource);
    }

    // Cameras: credentials sealed in the data folder, streams on demand through ffmpeg.
    const secretsDir = join(this.options.dataDir, 'secrets');
    const vault = new CredentialVault(join(secretsDir, 'camera-credentials.json'), this.options.sealer ?? new KeyFileSealer(join(secretsDir, 'vault.key')));
    const cameras = new CameraRegistry(site.cameras, vault);
    const video = new VideoService({ cameras: cameras.streamConfigs(), log: this.log.child('video') });
    this.registry.add(video);
    const snapshotsDir = join(this.options.dataDir, 'snapshots');
    const clipsDir = join(this.options.dataDir, 'clips');
    const evidence = new EvidenceRecorder(cameras, video, db, this.log.child('evidence'), {
      clipsDir,
      ...(this.options.clipQuotaBytes !== undefined ? { quotaBytes: this.options.clipQuotaBytes } : {}),
      isUnacknowledged: (alarmId) => {
        const alarm = alarms.engine.byAlarmId(alarmId);
        return alarm !== null && isUnacknowledged(alarm);
      },
    });
    this.registry.add(evidence);
    alarms.addListener((event) => evidence.onAlarmEvent(event));

    // The multi-site overview: this site from its own state, the others from their cores.
    const federation = new FederationService({
      authority: site.federation?.authority ?? null,
      projects: this.federationProjects(),
      selfId: site.id,
      localStatus: () => summarizeSiteStatus({ alarms: alarms.annunciated(), devices: devices.list(), workersOnSite: roster.count, now: Date.now() }),
      log: this.log.child('federation'),
    });
    this.registry.add(federation);
    // Panoramas: store in DATA/panoramas; progress goes out on the live channel.
    const panoramas = new PanoramaService({
      dataDir: this.options.dataDir,
      siteDir: this.options.siteDir,
      site,
      db,
      onProgress: (progress) => this.hub.publish({ type: 'panorama', progress }),
      log: this.log.child('panoramas'),
    });
    this.registry.add(panoramas);

    this.apiHandlers = createApiHandlers({
      federation,
      clipsOf: (alarmId) => evidence.clipsOf(alarmId),
      cameras: {
        cameras,
        vault,
        video,
        snapshotsDir,
        videoProblem: () => (this.registry.snapshot().video === 'failed' ? (this.registry.errorOf('video') ?? 'video is unavailable') : null),
      },
      version: this.version,
      auth,
      devices,
      telemetry: telemetryQuery,
      services: () => this.registry.snapshot(),
      site: () => this.siteSummary(devices),
      siteConfig: () => effectiveSite.current,
      alarms,
      db,
      history: new HistoryQuery(db, { rawKeptMs: retention.options.rawDays * 86_400_000 }),
      intervals: new IntervalQuery(db),
      registry,
      panoramas,
    });

    if (this.options.http !== false) {
      const live = new LiveSocketServer(this.hub, auth, this.log.child('live'));
      this.httpServer = new HttpApiServer(
        {
          host: this.options.host,
          port: this.options.port,
          staticRoot: this.options.staticRoot,
          video: new VideoSocketServer(video, cameras, auth, this.log.child('video-socket')),
          mediaDirs: { snapshots: snapshotsDir, clips: clipsDir },
          ...siteModelFile(this.options.siteDir, site.model.gltf?.file),
          panoramas: new PanoramaHttp(panoramas, auth, this.log.child('panorama-http')),
        },
        this.apiHandlers,
        auth,
        live,
        this.log.child('http'),
      );
      this.registry.add(this.httpServer);
    }
    await this.registry.startAll();
    this.log.info('site core started', { site: site.id, devices: site.devices.length, version: this.version });
  }

  /** Stops services in reverse order; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      await this.registry.stopAll();
      this.log.info('site core stopped');
      this.logFile.close();
    })();
    return this.stopping;
  }

  health() {
    return this.registry.snapshot();
  }

  private siteSummary(devices: DeviceStates): SiteSummary {
    const { site, problems } = this.loaded;
    return {
      id: site.id,
      name: site.name,
      timeZone: site.timeZone,
      configProblems: problems,
      sources: [...this.sources.values()],
      unknownDevices: devices.unknownDevices(),
      simulated: !this.options.mqttUrl && this.options.simulate,
      workersOnSite: this.roster?.count ?? 0,
    };
  }

  /** The site file's `federation.projects`; without that block, this site alone where it has an origin. */
  private federationProjects() {
    const { site } = this.loaded;
    if (site.federation) return site.federation.projects;
    if (!site.origin) return [];
    return [{ id: site.id, name: site.name, enterprise: '—', latDeg: site.origin.latDeg, lonDeg: site.origin.lonDeg }];
  }

  private mqttOptions(url: string, siteId: string) {
    return {
      url,
      siteId,
      clientId: `site-command-${siteId}-${hostname()}`.slice(0, 64),
      onStatus: (status: SourceStatus) => this.setSourceStatus(status),
    };
  }

  private setSourceStatus(status: SourceStatus): void {
    this.sources.set(status.id, status);
    this.hub.publish({ type: 'source', source: status });
  }

  /** The database as a service: on stop, the writers flush what they hold, then the file is closed. */
  private storeService(db: Database, writers: { close(): void }[]): Service {
    return {
      name: 'store',
      required: true,
      start: async () => undefined,
      stop: async () => {
        for (const writer of writers) writer.close();
        closeDatabase(db);
      },
    };
  }
}

/**
 * The glTF/GLB named in the site file, when it is a plain file name in the site folder (a BIM
 * export copied next to site.json); anything with a path in it is refused, so the site file
 * cannot expose other files.
 */
function siteModelFile(siteDir: string, file: string | undefined): { siteModelFile?: { dir: string; name: string } } {
  if (!file || !/^[\w.-]{1,128}\.(glb|gltf)$/i.test(file)) return {};
  return { siteModelFile: { dir: siteDir, name: file } };
}

/** A service built only when its turn to start comes (it needs something started before it). */
function deferred(name: string, required: boolean, build: () => Service): Service {
  let instance: Service | null = null;
  return {
    name,
    required,
    start: async () => {
      instance = build();
      await instance.start();
    },
    stop: async () => {
      await instance?.stop();
    },
  };
}
