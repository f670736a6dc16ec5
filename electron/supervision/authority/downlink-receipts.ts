/**
 * A site's receipts for downlink messages (uplink kind `notice-receipt`, NoticeReceiptBody in
 * electron/common/supervision.ts). The broker's PUBACK says only that the broker took a message;
 * NATS keeps a QoS 1 message for a session that exists, so a notice sent before a site ever
 * connected is gone after its PUBACK. A message counts as delivered when the site says it holds
 * it; until then downlink.ts sends it again.
 */
import type pg from 'pg';
import type { NoticeReceiptBody, UplinkEnvelope } from '../../common/supervision.js';
import { appendAudit } from './audit.js';

/**
 * Marks the messages a receipt names as delivered, inside the ingest's transaction. Only the
 * receipt's own site's messages move (a site cannot confirm another's); ids already delivered or
 * unknown change nothing. Returns how many were marked now.
 */
export async function applyNoticeReceipt(client: pg.PoolClient, envelope: UplinkEnvelope): Promise<number> {
  const body = envelope.body as Partial<NoticeReceiptBody> | null;
  const ids = Array.isArray(body?.messageIds) ? body.messageIds.filter((id): id is string => typeof id === 'string') : [];
  if (ids.length === 0) return 0;
  const { rows } = await client.query<{ message_id: string; notice_id: string; type: string }>(
    `UPDATE authority_downlink SET delivered_at = now()
     WHERE site_id = $1 AND message_id = ANY($2::text[]) AND delivered_at IS NULL
     RETURNING message_id, notice_id, type`,
    [envelope.site, ids],
  );
  for (const row of rows.sort((a, b) => (a.message_id < b.message_id ? -1 : 1))) {
    await appendAudit(client, {
      actor: `site:${envelope.site}`,
      actorRole: 'site',
      action: 'downlink-delivered',
      siteId: envelope.site,
      noticeId: row.notice_id,
      detail: { messageId: row.message_id, type: row.type, seq: envelope.seq },
    });
  }
  return rows.length;
}
