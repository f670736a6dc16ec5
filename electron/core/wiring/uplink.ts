import type { AlarmService } from '../alarms/alarm-service.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Database } from '../store/database.js';
import { createNoticeReceiver, type NoticeReceiver } from '../uplink/notice-receiver.js';
import type { Outbox } from '../uplink/outbox.js';
import { buildSiteSummary, readAttendance } from '../uplink/site-summary.js';
import { SupervisionUplink } from '../uplink/supervision-uplink.js';
import { alarmEventBody, UplinkEventFeed } from '../uplink/uplink-events.js';
import { siteLocal } from '../workforce/attendance-clock.js';

export interface UplinkWiringOptions {
  db: Database;
  /** The site's one outbox (store and forward for every channel). */
  outbox: Outbox;
  site: () => SiteConfig;
  alarms: AlarmService;
  devices: DeviceStates;
  /** Who is inside now (the gates' headcount); null without gates. */
  headcount: () => { total: number; managers: number } | null;
  vault: SecretVault;
  log: Logger;
  /** Applies what comes down (the authority's notices, wiring/authority-notices.ts); absent: the stub that drops it. */
  noticeReceiver?: NoticeReceiver;
}

/**
 * The supervision uplink (#13): the outbox, the summary and event feeds, the publisher and the
 * notice receiver, as one optional service. Register it after the alarms, statistics and quality
 * (it reads their tables) and before the HTTP server.
 */
export function wireUplink(o: UplinkWiringOptions): SupervisionUplink {
  const settings = o.site().supervision;
  const outbox = o.outbox;
  const log = o.log.child('uplink');
  const deviceName = (id: string) => o.devices.list().find((d) => d.id === id)?.name ?? id;
  const uplink: SupervisionUplink = new SupervisionUplink({
    settings,
    outbox,
    vault: o.vault,
    summary: () =>
      buildSiteSummary(o.db, {
        timeZone: () => o.site().timeZone,
        alarms: () => o.alarms.annunciated(),
        devices: () => o.devices.list(),
        headcount: o.headcount,
        consoleUrl: settings?.consoleUrl,
      }),
    pollEvents: () => new UplinkEventFeed(o.db, (kind, body) => uplink.enqueue(kind, body), deviceName).poll(),
    alarmBody: (event) => alarmEventBody(event, deviceName),
    attendance: () => {
      const day = siteLocal(Date.now(), o.site().timeZone).day;
      const { attended, rostered } = readAttendance(o.db, day);
      if (rostered === 0) return null;
      return { day, headcount: o.headcount()?.total ?? 0, attended, rostered };
    },
    noticeReceiver: o.noticeReceiver ?? createNoticeReceiver({ siteId: settings?.siteId ?? o.site().id, outbox, log: (level, message) => log[level](message) }),
    log,
  });
  o.alarms.addListener((event) => uplink.onAlarmEvent(event));
  return uplink;
}
