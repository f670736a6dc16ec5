/**
 * Quality and safety inspections (质量安全检查) and rectification notices (整改通知单): the
 * shapes both the core and the console use, and the notice's state machine as pure functions.
 *
 * A notice follows the site's usual closed loop (检查 → 整改通知 → 整改回复 → 复查销项):
 *
 *   raised ──acknowledge──▶ rectifying ──answer──▶ answered ──verify(pass)──▶ closed
 *                               ▲                      │
 *                               └────verify(fail)──────┘   (with the reason)
 *
 * Nothing throws here; a transition not allowed from the current state answers `null` and the
 * caller says why (see `transitionProblem`).
 */

/** One checklist item's finding: 合格 / 不合格 / 不适用. */
export type ItemResult = 'pass' | 'fail' | 'na';
export const ITEM_RESULTS: readonly ItemResult[] = ['pass', 'fail', 'na'];

/** An inspection's overall result: 不合格 when any item failed. */
export type InspectionResult = 'pass' | 'fail';

/** Where something was seen: a building and floor of the site model, or a pin on a panorama capture. */
export type QualityLocation =
  | { kind: 'building'; buildingId: string; /** Floor number, 1 = ground floor; negative for basements. */ floor: number | null }
  | { kind: 'panorama'; captureId: string; /** Degrees in the capture's own frame. */ yawDeg: number; pitchDeg: number };

/** States of a rectification notice; `closed` is final. */
export type NoticeState = 'raised' | 'rectifying' | 'answered' | 'closed';
export const NOTICE_STATES: readonly NoticeState[] = ['raised', 'rectifying', 'answered', 'closed'];

/** What can be done to a notice; each step goes into its append-only log. */
export type NoticeAction = 'raise' | 'acknowledge' | 'answer' | 'verify-pass' | 'verify-fail';

/**
 * Where a notice came from: the site's own staff, or the supervising authority (监督站), whose
 * notices arrive from the supervision platform with their own reference number.
 */
export type NoticeOrigin = 'site' | 'authority';

/** The next state after `action` from `state`, or null when the action is not allowed there. */
export function nextNoticeState(state: NoticeState, action: Exclude<NoticeAction, 'raise'>): NoticeState | null {
  switch (action) {
    case 'acknowledge':
      return state === 'raised' ? 'rectifying' : null;
    case 'answer':
      return state === 'rectifying' ? 'answered' : null;
    case 'verify-pass':
      return state === 'answered' ? 'closed' : null;
    case 'verify-fail':
      return state === 'answered' ? 'rectifying' : null;
  }
}

/** Why `action` cannot be taken from `state`, as a sentence the operator can act on. */
export function transitionProblem(state: NoticeState, action: Exclude<NoticeAction, 'raise'>): string {
  if (state === 'closed') return 'this notice is closed; raise a new one if the problem came back';
  const need: Record<Exclude<NoticeAction, 'raise'>, string> = {
    acknowledge: 'only a newly raised notice can be acknowledged',
    answer: 'acknowledge the notice first; only a notice being rectified can be answered',
    'verify-pass': 'only an answered notice can be verified',
    'verify-fail': 'only an answered notice can be verified',
  };
  return `the notice is ${state}: ${need[action]}`;
}

/** Whether a notice is past its due date and not closed; `today` and `dueDate` are site days (YYYY-MM-DD). */
export function isOverdue(notice: { state: NoticeState; dueDate: string }, today: string): boolean {
  return notice.state !== 'closed' && notice.dueDate < today;
}

/** The alarm source of overdue notices (the quality area as a whole, not a device); the console shows 质量巡检. */
export const QUALITY_ALARM_SOURCE = 'quality';

/** Photos accepted for inspections and notices (checked from the bytes, not the name). */
export const QUALITY_PHOTO_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type QualityPhotoFormat = (typeof QUALITY_PHOTO_FORMATS)[number];

/** Largest photo accepted, bytes (a 48 MP phone JPEG is about 12 MB; most are 2–6 MB). */
export const QUALITY_PHOTO_MAX_BYTES = 15 * 2 ** 20;

/** Photos per inspection item, per inspection, per answer. */
export const QUALITY_MAX_PHOTOS = 12;
