import type { Outbox } from './outbox.js';

/** What the site console's downlink needs to apply an authority's notice (electron/common/supervision.ts DownlinkMessage). */
export interface NoticeReceiverDeps {
  siteId: string;
  outbox: Outbox;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface NoticeReceiver {
  /**
   * Applies one downlink payload. Resolves once it is applied (or refused with a reason logged
   * and counted): the MQTT PUBACK is sent after this, so a crash before it brings a redelivery,
   * which `outbox.firstDelivery` turns into nothing.
   */
  handle(payload: Buffer): Promise<void>;
}

/** Placeholder until the authority notices' work lands: logs and drops what comes down. */
export function createNoticeReceiver(deps: NoticeReceiverDeps): NoticeReceiver {
  return {
    async handle(payload) {
      deps.log('warn', `downlink message (${payload.length} bytes) dropped: notices from the authority are not handled yet`);
    },
  };
}
