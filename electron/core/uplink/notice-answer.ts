/**
 * The site's answer to an authority's notice goes up: when a notice of origin 'authority' is
 * answered on the site (整改回复, with photos), its text and photos are queued in the outbox
 * (channel 'supervision', kind 'notice-answer', NoticeAnswerBody) in the same step, and the
 * uplink publisher sends them when it can. Photos travel as SHA-256 and, up to a size, inline; a
 * larger one stays on the site (its hash proves which one it was, e.g. in a data package).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NoticeView } from '../../common/api/quality.js';
import type { NoticeAnswerBody } from '../../common/supervision.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import type { Outbox } from './outbox.js';
import { SUPERVISION_CHANNEL } from './publisher.js';

/** Photos up to this size go inline (base64); the 4 MiB answer limit of the platform holds ~6 of them. */
export const INLINE_PHOTO_MAX_BYTES = 512 * 1024;

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface NoticeAnswerUplinkDeps {
  outbox: Outbox;
  /** The notice as the quality service shows it (with its log). */
  notice: (id: number) => NoticeView;
  photosDir: string;
  audit?: (event: SecurityEvent) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Builds the answer of the notice's newest 'answer' step; null when it is not an authority notice or has none. */
export function noticeAnswerBody(view: NoticeView, photosDir: string): NoticeAnswerBody | null {
  if (view.origin !== 'authority' || !view.externalRef) return null;
  const step = [...view.log].reverse().find((l) => l.action === 'answer');
  if (!step) return null;
  return {
    noticeId: view.externalRef,
    answer: step.text,
    photos: step.photos.map(({ file }) => {
      const bytes = readFileSync(join(photosDir, file));
      const ext = file.split('.').pop()?.toLowerCase() ?? '';
      return {
        name: file,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        mime: MIME[ext] ?? 'application/octet-stream',
        ...(bytes.length <= INLINE_PHOTO_MAX_BYTES ? { dataBase64: bytes.toString('base64') } : {}),
      };
    }),
    by: step.actor,
    at: step.at,
  };
}

/** A hook for the quality service's audit events: queues the answer of an authority notice. */
export function createNoticeAnswerUplink(deps: NoticeAnswerUplinkDeps): (event: SecurityEvent) => void {
  return (event) => {
    if (event.type !== 'quality-notice-answer') return;
    const id = event.detail?.noticeId;
    if (typeof id !== 'number') return;
    try {
      const body = noticeAnswerBody(deps.notice(id), deps.photosDir);
      if (!body) return;
      const seq = deps.outbox.enqueue(SUPERVISION_CHANNEL, 'notice-answer', body);
      deps.audit?.({ type: 'authority-notice-answer-queued', actor: event.actor, actorRole: event.actorRole, text: `answer to ${body.noticeId} queued for the supervision platform (seq ${seq})`, detail: { noticeId: body.noticeId, seq, photos: body.photos.map((p) => p.sha256) } });
    } catch (error) {
      deps.log('error', `answer to the authority's notice not queued: ${(error as Error).message}`);
    }
  };
}
