import type { CredentialKind } from '../../common/workforce.js';
import type { WorkerRow, WorkforceStore } from './workforce-store.js';

/** A credential a gate reported, and the worker it names (null: nobody registered). */
export interface ResolvedPerson {
  worker: WorkerRow | null;
  kind: CredentialKind;
}

/** The worker a turnstile's credential names: IC card number, face template id, or the ID card's number. */
export function personByCredential(store: WorkforceStore, kind: CredentialKind, value: string): WorkerRow | null {
  switch (kind) {
    case 'card':
      return store.workerByCard(value);
    case 'face':
      return store.workerByFace(value);
    case 'id-card':
      return store.workerByIdNumber(value.toUpperCase());
    case 'worker':
      return /^\d{1,12}$/.test(value) ? store.worker(Number(value)) : null;
  }
}

/**
 * The worker behind an id a device reports without saying what kind it is: the MQTT gate feed's
 * `workerId`, a crane's `operatorId`, a hoist's `driverId`. Tried in this order: gate card
 * number (`card_no`), face template id (`face_id`), then the registry's own worker id (digits
 * only). Card first because most controllers report the card they read; the same text as two
 * kinds of id of two different people is refused at registration (each column is unique).
 */
export function personByReportedId(store: WorkforceStore, id: string): ResolvedPerson {
  const card = store.workerByCard(id);
  if (card) return { worker: card, kind: 'card' };
  const face = store.workerByFace(id);
  if (face) return { worker: face, kind: 'face' };
  const byId = personByCredential(store, 'worker', id);
  if (byId) return { worker: byId, kind: 'worker' };
  return { worker: null, kind: 'card' };
}
