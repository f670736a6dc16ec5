import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceKind } from '../../common/device-kinds.js';
import type { GateEvent, HoistTelemetry } from '../../common/telemetry.js';
import type { DeviceConfig, SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { deviceTopic } from '../sources/mqtt/topics.js';
import { craneStateAt, round, type CraneModelParams } from './crane-model.js';
import { dustStateAt } from './dust-model.js';
import { Hj212MonitorClient } from './hj212-monitor-client.js';
import { ShiftTraffic } from './gate-traffic.js';
import { IncidentPlayer } from './incidents/incident-player.js';
import type { IncidentScheduleOptions } from './incidents/incident-schedule.js';
import { seededRandom, seedFromText } from './random.js';

/**
 * The demo site's devices, published over MQTT exactly as field devices would, so the demo
 * exercises the real pipeline (broker → adapter → validation → store → UI).
 */
export class SiteSimulator implements Service {
  readonly name = 'simulator';
  readonly required = false;
  private client: MqttClient | null = null;
  private timers: NodeJS.Timeout[] = [];
  private readonly startedAt = Date.now();
  private readonly workersOnSite = new Set<string>();
  private readonly hj212Clients: Hj212MonitorClient[] = [];
  private readonly incidents: IncidentPlayer | null;

  private shift: ShiftTraffic | null = null;
  private lastCardLook = -Infinity;

  /**
   * `hj212`: where the core's HJ 212 listener is; dust monitors with an HJ 212 identity report there.
   * `gateCards`: the registry's gate cards; when there are any, gates follow the shift with them
   * (sim/gate-traffic.ts), otherwise they report made-up ids as before the registry.
   * `incidents`: the schedule of scripted incidents (sim/incidents) played over the readings; null: none.
   */
  constructor(
    private readonly site: SiteConfig,
    private readonly brokerUrl: string,
    private readonly log: Logger,
    private readonly hj212: { host: string; port: number } | null = null,
    private readonly gateCards: () => string[] = () => [],
    incidents: IncidentScheduleOptions | null = null,
  ) {
    this.incidents = incidents ? new IncidentPlayer(site, incidents, log.child('incidents')) : null;
  }

  async start(): Promise<void> {
    const client = mqtt.connect(this.brokerUrl, { clientId: `site-command-simulator-${process.pid}`, reconnectPeriod: 2000 });
    this.client = client;
    client.on('error', (error) => this.log.debug('simulator broker error', { error }));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const shiftTimer = setInterval(() => this.shiftTick(), 1000);
    shiftTimer.unref();
    this.timers.push(shiftTimer);
    this.site.devices.forEach((device, index) => {
      const publish = this.publisherFor(device, index);
      if (!publish) return;
      // Gates report passages as they happen; in the demo, one every few seconds.
      const periodS = device.kind === 'gate' ? Math.min(device.expectedIntervalS, 4) : device.expectedIntervalS;
      const timer = setInterval(publish, periodS * 1000);
      timer.unref();
      this.timers.push(timer);
      publish();
    });
    this.log.info('demo site simulator publishing', { devices: this.timers.length });
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const c of this.hj212Clients.splice(0)) c.close();
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true).catch(() => undefined);
  }

  private send(kind: DeviceKind, deviceId: string, values: object): void {
    const client = this.client;
    if (!client?.connected) return;
    // The one place incidents act: a reading goes out as the incident shapes it, or not at all.
    const shaped = this.incidents ? this.incidents.shape(deviceId, values as Record<string, unknown>, this.elapsedS()) : values;
    if (!shaped) return;
    const payload = JSON.stringify({ ts: new Date().toISOString(), ...shaped });
    client.publish(deviceTopic(this.site.id, kind, deviceId), payload, { qos: 1 });
  }

  private elapsedS(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  private publisherFor(device: DeviceConfig, index: number): (() => void) | null {
    const random = seededRandom(seedFromText(device.id));
    switch (device.kind) {
      case 'crane': {
        const params = craneParams(device, index);
        return () => {
          const t = this.elapsedS();
          const wind = 4.5 + 2.5 * Math.sin(t / 90) + random() * 1.5;
          this.send('crane', device.id, { ...craneStateAt(params, t, wind, 0.15 + random() * 0.05), operatorId: `OP-${100 + index}` });
        };
      }
      case 'hoist':
        return () => this.send('hoist', device.id, hoistStateAt(this.elapsedS(), random));
      case 'dust': {
        if (device.hj212 && this.hj212) {
          // This monitor speaks HJ 212-2017 over TCP, as many dust monitors do natively.
          const client = new Hj212MonitorClient(this.hj212, device.hj212, this.site.timeZone, this.log);
          this.hj212Clients.push(client);
          return () => client.sendRealtime(dustStateAt(this.elapsedS(), index, random));
        }
        return () => this.send('dust', device.id, dustStateAt(this.elapsedS(), index, random));
      }
      case 'ranging':
        return () => this.send('ranging', device.id, { pointId: `${device.id}-P1`, distanceM: round(42.5 + random() * 0.002, 4) });
      case 'gate':
        return () => {
          if (this.shiftTraffic()) return;
          const event = this.gateEvent(device.id, random);
          if (event) this.send('gate', device.id, event);
        };
    }
  }

  /** The shift-following gate traffic, once the registry holds gate cards (looked for every 30 s until then). */
  private shiftTraffic(): ShiftTraffic | null {
    if (this.shift) return this.shift;
    const now = Date.now();
    if (now - this.lastCardLook < 30_000) return null;
    this.lastCardLook = now;
    const cards = this.gateCards();
    const gates = this.site.devices.filter((d) => d.kind === 'gate').map((d) => d.id);
    if (cards.length === 0 || gates.length === 0) return null;
    this.shift = new ShiftTraffic(cards, gates, this.site.timeZone, now);
    this.log.info('demo gate traffic follows the shift', { cards: cards.length, gates: gates.length });
    return this.shift;
  }

  private shiftTick(): void {
    const shift = this.shiftTraffic();
    if (!shift) return;
    for (const event of shift.due(Date.now())) this.send('gate', event.gateId, event);
  }

  private gateEvent(gateId: string, random: () => number): GateEvent | null {
    // Mornings fill the site, evenings empty it; in the demo, keep 20–60 people on site.
    const goingIn = this.workersOnSite.size < 20 || (this.workersOnSite.size < 60 && random() < 0.6);
    if (goingIn) {
      for (let tries = 0; tries < 10; tries++) {
        const id = `W${String(1 + Math.floor(random() * 120)).padStart(4, '0')}`;
        if (this.workersOnSite.has(id)) continue;
        this.workersOnSite.add(id);
        return { workerId: id, direction: 'in', gateId };
      }
      return null;
    }
    const [first] = [...this.workersOnSite].slice(Math.floor(random() * this.workersOnSite.size));
    if (!first) return null;
    this.workersOnSite.delete(first);
    return { workerId: first, direction: 'out', gateId };
  }
}

function craneParams(device: DeviceConfig, index: number): CraneModelParams {
  const jib = device.crane?.jibLengthM ?? 55;
  return {
    pickSlewDeg: index % 2 === 0 ? 200 : 20,
    dropSlewDeg: index % 2 === 0 ? 80 : 260,
    pickRadiusM: jib * 0.35,
    dropRadiusM: jib * 0.8,
    loadsT: [2.1, 4.8, 1.6, 6.2, 3.4],
    ratedMomentTm: 125 * 1.0 * 2.5, // QTZ125: 125 t·m class, derated for the demo jib
    maxLoadT: 8,
    towerHeightM: device.crane?.towerHeightM ?? 60,
    phaseS: index * 70,
  };
}

const FLOOR_HEIGHT_M = 3;
const HOIST_FLOORS = [0, 3, 7, 12, 5, 15, 0, 9];

function hoistStateAt(timeS: number, random: () => number): HoistTelemetry {
  // Each leg: 12 s travelling, 18 s stopped with the door open for loading.
  const legS = 30;
  const leg = Math.floor(timeS / legS);
  const from = HOIST_FLOORS[leg % HOIST_FLOORS.length] ?? 0;
  const to = HOIST_FLOORS[(leg + 1) % HOIST_FLOORS.length] ?? 0;
  const t = timeS % legS;
  const moving = t < 12;
  const progress = moving ? t / 12 : 1;
  const height = (from + (to - from) * progress) * FLOOR_HEIGHT_M;
  const people = 2 + ((leg * 7) % 7);
  return {
    loadKg: round(people * 72 + 300 + random() * 40, 0),
    ratedLoadKg: 2000,
    people,
    ratedPeople: 9,
    floor: Math.round(height / FLOOR_HEIGHT_M),
    heightM: round(height, 2),
    speedMs: moving ? round(((to - from) * FLOOR_HEIGHT_M) / 12, 2) : 0,
    doorOpen: !moving && t > 14 && t < 27,
    tiltDeg: round(0.05 + random() * 0.03, 2),
    driverId: 'D-0007',
  };
}

