import { join } from 'node:path';
import type { SiteSummary, SourceStatus } from '../common/site.js';
import { AlarmService } from './alarms/alarm-service.js';
import { vaultAuditKey } from './alarms/audit-key.js';
import { createApiHandlers, type ApiHandlers } from './api/handlers.js';
import { checkPortFree, type HttpApiServer } from './api/http-server.js';
import { AuthService } from './auth/auth-service.js';
import { loadSiteDirectory, type LoadedSite } from './config/load-site.js';
import { DeviceStates } from './devices/device-states.js';
import { createLogger, type Logger } from './log/logger.js';
import { RotatingFile } from './log/rotating-file.js';
import { PanoramaService } from './panoramas/panorama-service.js';
import { IngestPipeline } from './pipeline/ingest.js';
import { LiveHub } from './pipeline/live-hub.js';
import { DeviceRegistry } from './registry/device-registry.js';
import { EffectiveSite } from './registry/effective-site.js';
import { RegistryStore } from './registry/registry-store.js';
import type { SecretSealer } from './secrets/secret-sealer.js';
import { openVaults } from './secrets/open-vaults.js';
import { secretNames } from './secrets/secret-vault.js';
import { moveSiteFilePasswords } from './secrets/site-file-passwords.js';
import { ServiceRegistry } from './services/service-registry.js';
import { openDatabase, prepareDataDirectory, type Database } from './store/database.js';
import { HistoryQuery } from './store/history-query.js';
import { IntervalQuery } from './store/interval-query.js';
import type { RetentionOptions } from './store/retention.js';
import { TelemetryQuery } from './store/telemetry-query.js';
import { readVersion } from './version.js';
import { loadMediaTicketKey } from './auth/media-ticket-key.js';
import { wireFederation } from './wiring/federation.js';
import { wireHttp } from './wiring/http.js';
import { followModelEdits } from './wiring/model-edits.js';
import { wireSources, type SourceWiring } from './wiring/sources.js';
import { wireStatistics } from './wiring/statistics.js';
import { wireStore } from './wiring/store.js';
import { wireVideo } from './wiring/video.js';
import { wireOnvif } from './wiring/onvif.js';
import { wireWorkforce, type WorkforceWiring } from './wiring/workforce.js';
import { wireRealnamePlatform } from './wiring/realname-platform.js';
import { wireProgress } from './wiring/progress.js';
import { wireAuthorityNotices } from './wiring/authority-notices.js';
import { wireQuality } from './wiring/quality.js';
import { wireScreens } from './wiring/screens.js';
import { wireReports } from './wiring/reports.js';
import { wireUplink } from './wiring/uplink.js';
import { wireDataPackages } from './wiring/data-package.js';
import { createStatisticsReportSections } from './statistics/report-sections.js';
import { createProgressReportSections } from './progress/report-sections.js';
import { Outbox } from './uplink/outbox.js';

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
  /** The simulator plays its incident schedule (sim/incidents); default true. */
  incidents?: boolean;
  staticRoot: string;
  adminPassword?: string;
  /** Shows a line to the person at the console, never to the log file (first-start password). */
  announce: (line: string) => void;
  consoleLogLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Origins of wall-screen pages (e.g. `https://wall.site.lan`) allowed to open the live and video
   * sockets besides the console's own origin (`--wall-origin URL`, repeatable).
   */
  wallOrigins?: string[];
  /** Serve HTTP/WebSocket. Default true; tests that drive the core in-process may turn it off. */
  http?: boolean;
  /** Seals camera passwords at rest; the Electron shell passes the OS keychain's (safeStorage). */
  sealer?: SecretSealer;
  /** Disk for alarm evidence clips, bytes (default 2 GiB). */
  clipQuotaBytes?: number;
  /** Telemetry and HJ 212 interval data retention; defaults in store/retention.ts (raw 30 days, rollups and minute/hour data 2 years, day data 10 years). */
  retention?: Partial<RetentionOptions>;
  /** PEM certificate and key: the console is served over HTTPS/WSS (see tls/lan-certificate.ts). */
  tls?: { cert: string; key: string; fingerprint: string; selfSigned: boolean };
  /** Plain HTTP on a LAN address (`--no-tls`): health says so and the console warns admins. */
  unencryptedLan?: boolean;
  /** This run of the core (new after each restart), reported by health so clients notice a restart. */
  bootId?: string;
}

/**
 * The site core: plain Node, no Electron. Composes the store, the sources, the ingest pipeline,
 * the API and its transports, starting them in order and stopping them in reverse. What each
 * area is built from is in `wiring/`; the order of `registry.add` below is the start order.
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
  private httpServer: HttpApiServer | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Ends expired sessions (and so their sockets) within half a second of expiry. */
  private stopSessionSweep: (() => void) | null = null;
  private apiHandlers: ApiHandlers | null = null;
  private authService: AuthService | null = null;
  private stopping: Promise<void> | null = null;
  private workforce: WorkforceWiring | null = null;
  private alarmService: AlarmService | null = null;

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

  /** The real-name workforce (store, gates, headcount) once started; tests seed the registry through it. */
  get workforceWiring(): WorkforceWiring | null {
    return this.workforce;
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
    const store = wireStore(db, this.log, this.options.retention);
    this.registry.add(store.service);
    // Registered after the store so it stops before the database closes.
    this.registry.add(store.retention);

    const securityLog = this.log.child('security');
    let alarmsForAudit: AlarmService | null = null;
    const auth = new AuthService(db, this.log.child('auth'), {
      mediaTicketKey: loadMediaTicketKey(this.options.dataDir),
      // A lockout goes to the log at once and into the audit chain (the alarm store is built below;
      // an attempt before it exists is only possible during start-up and stays in the log).
      onSecurityEvent: (event) => {
        securityLog.warn(event.type, { username: event.username, address: event.address, at: event.at, ...event.detail });
        alarmsForAudit?.store.recordSecurityEvent({
          type: event.type,
          actor: event.username,
          actorRole: '',
          text: `login locked out for "${event.username}" from ${event.address}`,
          detail: { address: event.address, ...event.detail },
          at: event.at,
        });
      },
    });
    this.authService = auth;
    this.stopSessionSweep = auth.startExpirySweep();
    await auth.ensureAdmin(this.options.adminPassword, this.options.announce);

    const devices = new DeviceStates(site.devices, (device) => this.hub.publish({ type: 'device', device }));
    registry.attach(devices);
    const telemetryQuery = new TelemetryQuery(db);
    // Escalations go to the site's broker; the MQTT source is created below, so look it up late.
    let sources: SourceWiring | null = null;
    // Secrets: camera credentials, other systems' passwords and the audit key, sealed in DATA/secrets.
    const vaults = openVaults(this.options.dataDir, this.options.sealer);
    const publish = (topic: string, payload: string) => sources?.mqtt()?.publish(topic, payload) ?? Promise.reject(new Error('no MQTT broker'));
    const alarms = new AlarmService(site, db, devices, this.hub, this.log.child('alarms'), publish, vaultAuditKey(vaults.secrets), join(this.options.dataDir, 'audit-archive'));
    this.alarmService = alarms;
    alarmsForAudit = alarms;
    this.registry.add(alarms);
    followModelEdits(effectiveSite, alarms, this.hub);
    // Real-name workforce: registry (ID numbers sealed under vault keys), gates and the headcount
    // (rebuilt from stored passages at start), operator and certificate checks, attendance, training.
    const workforce = wireWorkforce({
      db,
      vault: vaults.secrets,
      dataDir: this.options.dataDir,
      log: this.log.child('workforce'),
      gates: { alarms, hub: this.hub, site: () => effectiveSite.current, auth, heard: (gateId) => devices.contact(gateId) },
      auth,
      audit: (event) => alarms.store.recordSecurityEvent(event),
      site: () => effectiveSite.current,
      timeZone: () => effectiveSite.current.timeZone,
      simulate: !this.options.mqttUrl && this.options.simulate,
      endpoint: () =>
        this.httpServer?.port
          ? { host: this.options.host, port: this.httpServer.port, tls: this.options.tls !== undefined, selfSigned: this.options.tls?.selfSigned ?? false }
          : null,
    });
    this.workforce = workforce;
    for (const service of workforce.services) this.registry.add(service);
    const gates = workforce.gates;
    // Statistics: folded from the alarm audit, live telemetry, rollups and passages (core/statistics).
    const statistics = wireStatistics({ db, site: () => effectiveSite.current, log: this.log.child('statistics') });
    this.registry.add(statistics.service);
    const pipeline = new IngestPipeline(devices, store.writer, this.hub, this.log.child('ingest'), [
      (record) => gates?.observe(record),
      (record) => alarms.observe(record),
      (record) => statistics.service.observe(record),
    ]);
    this.sweepTimer = setInterval(() => devices.sweep(), 1000);
    this.sweepTimer.unref();

    // HJ 212 listener, then the broker (embedded unless one is given), the MQTT source and the simulator.
    sources = wireSources({
      site,
      mqttUrl: this.options.mqttUrl,
      simulate: this.options.simulate,
      incidents: this.options.incidents !== false,
      hj212Port: this.options.hj212Port,
      hj212Host: this.options.hj212Host,
      pipeline,
      intervalWriter: store.intervalWriter,
      onStatus: (status) => this.setSourceStatus(status),
      log: this.log,
      gateCards: () => workforce.store.workers().flatMap((w) => (w.cardNo ? [w.cardNo] : [])),
    });
    for (const source of sources.services) this.registry.add(source);

    for (const problem of moveSiteFilePasswords(this.loaded.site, this.loaded.file, vaults.secrets)) {
      this.loaded.problems.push(problem);
      this.log.warn('site file problem', { file: problem.file, field: problem.field, problem: problem.message });
    }
    const video = wireVideo({
      cameras: site.cameras,
      dataDir: this.options.dataDir,
      vault: vaults.cameras,
      clipQuotaBytes: this.options.clipQuotaBytes,
      db,
      alarms,
      log: this.log,
    });
    this.registry.add(video.video);
    this.registry.add(video.evidence);
    // ONVIF: cameras added from the console, discovery, PTZ, alarm presets.
    const onvif = wireOnvif({ dataDir: this.options.dataDir, video, alarms, view: (id) => video.cameras.view(id, video.video.status()), log: this.log });

    const federation = wireFederation({ site, siteFile: this.loaded.site, alarms, devices, roster: { get count() { return gates?.headcount.total ?? 0; } }, vault: vaults.secrets, log: this.log });
    this.registry.add(federation);
    // Panoramas: store in DATA/panoramas; progress goes out on the live channel.
    const panoramas = new PanoramaService({
      dataDir: this.options.dataDir,
      siteDir: this.options.siteDir,
      site,
      db,
      onProgress: (progress) => this.hub.publish({ type: 'panorama', progress }),
      log: this.log.child('panoramas'),
      devicePasswordOf: (deviceId) => vaults.secrets.get(secretNames.panoramaDevicePassword(deviceId)),
    });
    this.registry.add(panoramas);
    // Construction progress: schedules and completions (migration 15), read on demand.
    const progress = wireProgress({ db, site: () => effectiveSite.current, panoramas });
    // Quality: inspections and rectification notices (after the workforce: notices go to its companies).
    const quality = wireQuality({ db, dataDir: this.options.dataDir, log: this.log.child('quality'), auth, site: () => effectiveSite.current, alarms, panoramas, simulate: !this.options.mqttUrl && this.options.simulate, onStep: (event) => authorityNotices.onQualityStep(event) });
    for (const service of quality.services) this.registry.add(service);
    // The supervising authority's notices: received down, answered up (#13 coordinated enforcement).
    // One outbox for every channel (supervision, real-name platform, downlink deliveries).
    const outbox = new Outbox(db);
    const authorityNotices = wireAuthorityNotices({ db, outbox, dataDir: this.options.dataDir, siteId: site.id, supervision: effectiveSite.current.supervision, siteDir: this.options.siteDir, quality, alarms, log: this.log.child('authority-notices') });
    this.registry.add(authorityNotices.service);
    // Wall screens (#/screen/NAME); the default wall is written on first start.
    const screens = wireScreens({ db, site: () => effectiveSite.current, log: this.log.child('screens') });
    // Reports: the areas' sections → PDF + XLSX in DATA/reports, on the schedule and on demand.
    const reports = wireReports({
      db,
      dataDir: this.options.dataDir,
      site: () => effectiveSite.current,
      auth,
      log: this.log,
      sections: [
        ...createStatisticsReportSections({ queries: statistics.queries, devices: () => effectiveSite.current.devices }),
        ...quality.reportSections(),
        ...createProgressReportSections({ progress }),
      ],
    });
    this.registry.add(reports.service);
    // Supervision uplink (#13): summaries and events to the platform through the outbox (off without the site file's section).
    const uplink = wireUplink({ db, outbox, site: () => effectiveSite.current, alarms, devices, headcount: () => (gates ? { total: gates.headcount.total, managers: gates.headcount.view().managers } : null), vault: vaults.secrets, log: this.log, noticeReceiver: authorityNotices.receiver });
    this.registry.add(uplink);

    // The national real-name platform: workforce records uploaded in its order through the outbox.
    const realnamePlatform = wireRealnamePlatform({ db, outbox, vault: vaults.secrets, workforce, log: this.log });
    this.registry.add(realnamePlatform.service);
    // Data packages for the authority: signed with the site's Ed25519 key from the vault.
    const dataPackages = wireDataPackages({ db, dataDir: this.options.dataDir, site: () => effectiveSite.current, vault: vaults.secrets, auditKey: () => vaultAuditKey(vaults.secrets).auditKey(), auth, log: this.log });
    this.registry.add(dataPackages.service);

    this.apiHandlers = createApiHandlers({
      secrets: { vault: vaults.secrets, federation, panoramas, log: this.log.child('secrets') },
      clipsOf: (alarmId) => video.evidence.clipsOf(alarmId),
      cameras: {
        cameras: video.cameras,
        vault: video.vault,
        video: video.video,
        snapshotsDir: video.snapshotsDir,
        videoProblem: () => (this.registry.snapshot().video === 'failed' ? (this.registry.errorOf('video') ?? 'video is unavailable') : null),
      },
      version: this.version,
      boot: {
        ...(this.options.bootId ? { bootId: this.options.bootId } : {}),
        pid: process.pid,
        transport: {
          tls: this.options.tls !== undefined,
          ...(this.options.tls ? { fingerprint: this.options.tls.fingerprint, selfSigned: this.options.tls.selfSigned } : {}),
          unencryptedLan: this.options.unencryptedLan === true,
        },
      },
      auth,
      devices,
      telemetry: telemetryQuery,
      services: () => this.registry.snapshot(),
      site: () => this.siteSummary(devices),
      siteConfig: () => effectiveSite.current,
      alarms,
      db,
      history: new HistoryQuery(db, { rawKeptMs: store.retention.options.rawDays * 86_400_000 }),
      intervals: new IntervalQuery(db),
      registry,
      panoramas,
      workforce,
      progress,
      quality,
      statistics: statistics.queries,
      screens,
      reports: reports.handlers,
      dataPackages: dataPackages.handlers,
      onvif,
      realnamePlatform,
      uplink,
    });

    if (this.options.http !== false) {
      this.httpServer = wireHttp({
        host: this.options.host,
        port: this.options.port,
        staticRoot: this.options.staticRoot,
        siteDir: this.options.siteDir,
        siteModelGltf: site.model.gltf?.file,
        handlers: this.apiHandlers,
        auth,
        hub: this.hub,
        video,
        panoramas,
        log: this.log,
        ...(this.options.tls ? { tls: { cert: this.options.tls.cert, key: this.options.tls.key } } : {}),
        wallOrigins: this.options.wallOrigins ?? [],
        rawRoutes: [...workforce.rawRoutes, ...quality.rawRoutes, ...reports.rawRoutes, ...dataPackages.rawRoutes],
      });
      this.registry.add(this.httpServer);
    }
    await this.registry.startAll();
    this.log.info('site core started', { site: site.id, devices: site.devices.length, version: this.version });
  }

  /** Stops services in reverse order; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      this.stopSessionSweep?.();
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
      workersOnSite: this.workforce?.gates?.headcount.total ?? 0,
    };
  }

  private setSourceStatus(status: SourceStatus): void {
    if (status.id === 'mqtt' && status.state === 'connected') this.alarmService?.brokerConnected();
    this.sources.set(status.id, status);
    this.hub.publish({ type: 'source', source: status });
  }
}
