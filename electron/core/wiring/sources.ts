import { hostname } from 'node:os';
import type { SourceStatus } from '../../common/site.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { IngestPipeline } from '../pipeline/ingest.js';
import { deferred } from '../services/deferred-service.js';
import type { Service } from '../services/service-registry.js';
import { DEFAULT_INCIDENT_SCHEDULE } from '../sim/incidents/incident-schedule.js';
import { SiteSimulator } from '../sim/site-simulator.js';
import { Hj212Listener } from '../sources/hj212/hj212-listener.js';
import { EmbeddedBroker } from '../sources/mqtt/embedded-broker.js';
import { MqttSource, type MqttSourceOptions } from '../sources/mqtt/mqtt-source.js';
import type { IntervalWriter } from '../store/interval-writer.js';

export interface SourceWiringOptions {
  site: SiteConfig;
  /** External broker; when absent an embedded one runs on loopback. */
  mqttUrl: string | undefined;
  /** Run the demo simulator (only with the embedded broker). */
  simulate: boolean;
  /** The simulator plays its incident schedule (sim/incidents). */
  incidents: boolean;
  hj212Port: number | undefined;
  hj212Host: string | undefined;
  pipeline: IngestPipeline;
  intervalWriter: IntervalWriter;
  onStatus: (status: SourceStatus) => void;
  log: Logger;
  /** The registry's gate cards, for demo gate traffic that follows the shift. */
  gateCards?: () => string[];
}

/** The data sources, in the order they start: HJ 212 listener, broker, MQTT source, simulator. */
export interface SourceWiring {
  services: Service[];
  /** The MQTT source once it exists (with the embedded broker, only after the broker listens). */
  mqtt(): MqttSource | null;
}

export function wireSources(o: SourceWiringOptions): SourceWiring {
  const services: Service[] = [];
  let mqttSource: MqttSource | null = null;
  // HJ 212 listener: on the LAN when asked for; in the demo, on loopback for the simulated monitor.
  const demoSimulation = !o.mqttUrl && o.simulate;
  let hj212: Hj212Listener | null = null;
  if (o.hj212Port !== undefined || demoSimulation) {
    hj212 = new Hj212Listener(
      {
        host: o.hj212Port !== undefined ? (o.hj212Host ?? '0.0.0.0') : '127.0.0.1',
        port: o.hj212Port ?? 0,
        devices: o.site.devices,
        timeZone: o.site.timeZone,
        onStatus: o.onStatus,
      },
      o.pipeline,
      o.intervalWriter,
      o.log.child('hj212'),
    );
    services.push(hj212);
  }

  const brokerUrl = o.mqttUrl;
  if (!brokerUrl) {
    const broker = new EmbeddedBroker(o.log.child('broker'));
    services.push(broker);
    // The broker's port is known only once it listens; sources read it then.
    const source = () => (mqttSource = new MqttSource(mqttOptions(broker.url, o), o.pipeline, o.log.child('mqtt')));
    services.push(deferred('mqtt', false, source));
    if (o.simulate) {
      const listener = hj212;
      services.push(
        deferred('simulator', false, () => {
          const target = listener && listener.port ? { host: '127.0.0.1', port: listener.port } : null;
          return new SiteSimulator(o.site, broker.url, o.log.child('sim'), target, o.gateCards, o.incidents ? DEFAULT_INCIDENT_SCHEDULE : null);
        }),
      );
    }
  } else {
    mqttSource = new MqttSource(mqttOptions(brokerUrl, o), o.pipeline, o.log.child('mqtt'));
    services.push(mqttSource);
  }
  return { services, mqtt: () => mqttSource };
}

function mqttOptions(url: string, o: SourceWiringOptions): MqttSourceOptions {
  const siteId = o.site.id;
  return {
    url,
    siteId,
    clientId: `site-command-${siteId}-${hostname()}`.slice(0, 64),
    onStatus: o.onStatus,
  };
}
