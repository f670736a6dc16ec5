/** A window event the quality view sends after it changed a notice or an inspection: panels read again at once. */
export const QUALITY_CHANGED = 'site-command:quality-changed';

export function announceQualityChange(): void {
  window.dispatchEvent(new Event(QUALITY_CHANGED));
}
