/**
 * The site's link to the supervising authority's notices (#13 coordinated enforcement): the
 * receiver that turns signed downlink messages into rectification notices and stop-work alarms,
 * the hook that queues the site's answers up, and — when a downlink broker is configured — the
 * persistent MQTT subscription. With the site file's `supervision` section, notices come down the
 * uplink's own connection (wiring/uplink.ts takes `receiver`), under the platform's site id, checked
 * with its `authorityPublicKey`. Without it (a site that takes notices but does not report up), the
 * environment configures a subscription of its own:
 *   SITE_COMMAND_AUTHORITY_PUBLIC_KEY   the authority's Ed25519 public key, SPKI PEM (or a path to it)
 *   SITE_COMMAND_DOWNLINK_MQTT_URL      the supervision cluster's MQTT listener, e.g. mqtt://host:1883
 *   SITE_COMMAND_DOWNLINK_MQTT_USERNAME / _PASSWORD   the site's broker credentials
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { createNoticeAnswerUplink } from '../uplink/notice-answer.js';
import { createNoticeReceiver, type NoticeReceiver } from '../uplink/notice-receiver.js';
import { subscribeNotices, type NoticeSubscription } from '../uplink/notice-subscriber.js';
import type { Outbox } from '../uplink/outbox.js';
import type { QualityWiring } from './quality.js';

export interface AuthorityNoticesOptions {
  db: Database;
  /** The site's one outbox (store and forward for every channel). */
  outbox: Outbox;
  dataDir: string;
  siteId: string;
  quality: QualityWiring;
  alarms?: AlarmService;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** The site file's supervision section, when present (its site id, its authority key, its uplink carries the notices). */
  supervision?: { siteId: string; authorityPublicKey?: string | undefined } | undefined;
  /** Where site.json lives: `authorityPublicKey` may name a file beside it. */
  siteDir?: string;
}

export interface AuthorityNoticesWiring {
  receiver: NoticeReceiver;
  /** Pass every quality audit event here (answers of authority notices go up). */
  onQualityStep: (event: SecurityEvent) => void;
  service: Service;
}

function publicKeyFrom(value: string | undefined, dir?: string): string | null {
  if (!value) return null;
  if (value.includes('BEGIN PUBLIC KEY')) return value.replace(/\\n/g, '\n');
  const path = dir && !isAbsolute(value) ? join(dir, value) : value;
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

export function wireAuthorityNotices(o: AuthorityNoticesOptions): AuthorityNoticesWiring {
  const env = o.env ?? process.env;
  const outbox = o.outbox;
  const log = (level: 'info' | 'warn' | 'error', message: string) => o.log[level](message);
  const audit = (event: SecurityEvent) => o.alarms?.store.recordSecurityEvent(event);
  const key = publicKeyFrom(o.supervision?.authorityPublicKey, o.siteDir) ?? publicKeyFrom(env.SITE_COMMAND_AUTHORITY_PUBLIC_KEY);
  const siteId = o.supervision?.siteId ?? o.siteId;
  const service = o.quality.service;
  const receiver = createNoticeReceiver({
    siteId,
    outbox,
    log,
    authorityPublicKey: () => key,
    assignees: o.quality.assignees,
    transaction: (fn) => o.db.transaction(fn)(),
    audit,
    raiseAlarm: (evaluation) => o.alarms?.raiseCondition(evaluation),
    quality: {
      raiseNotice: (input, actor, origin) => service.raiseNotice(input, actor, origin),
      step: (id, action, actor, text) => service.step(id, action, actor, text),
      byExternalRef: (ref) => service.store.noticeByExternalRef('authority', ref),
      today: () => service.today(),
    },
  });
  const onQualityStep = createNoticeAnswerUplink({ outbox, notice: (id) => service.notice(id), photosDir: join(o.dataDir, 'quality', 'photos'), audit, log });
  let subscription: NoticeSubscription | null = null;
  return {
    receiver,
    onQualityStep,
    service: {
      name: 'authority-notices',
      required: false,
      async start() {
        const url = env.SITE_COMMAND_DOWNLINK_MQTT_URL;
        if (!url) return;
        if (o.supervision) {
          o.log.warn('SITE_COMMAND_DOWNLINK_MQTT_URL is ignored: the site file\'s supervision section carries the notices on the uplink\'s connection');
          return;
        }
        if (!key) o.log.warn('SITE_COMMAND_DOWNLINK_MQTT_URL is set but SITE_COMMAND_AUTHORITY_PUBLIC_KEY is not: every notice from above will be refused');
        subscription = subscribeNotices({
          url,
          siteId,
          receiver,
          log,
          ...(env.SITE_COMMAND_DOWNLINK_MQTT_USERNAME ? { username: env.SITE_COMMAND_DOWNLINK_MQTT_USERNAME, password: env.SITE_COMMAND_DOWNLINK_MQTT_PASSWORD ?? '' } : {}),
        });
      },
      async stop() {
        await subscription?.close();
      },
    },
  };
}
