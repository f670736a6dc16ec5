/** `#/quality/…` sub-routes: the lists, one notice or inspection, and the two forms. */
export type QualityRoute =
  | { page: 'notices' }
  | { page: 'inspections' }
  | { page: 'notice'; id: number }
  | { page: 'inspection'; id: number }
  | { page: 'new-inspection' }
  | { page: 'new-notice'; inspectionId: number | null; itemCode: string | null };

export function parseQualityParam(param: string | null): QualityRoute {
  const [page, a, b] = (param ?? '').split('/');
  if (page === 'inspections') return { page: 'inspections' };
  if (page === 'notice' && Number(a) > 0) return { page: 'notice', id: Number(a) };
  if (page === 'inspection' && Number(a) > 0) return { page: 'inspection', id: Number(a) };
  if (page === 'new-inspection') return { page: 'new-inspection' };
  if (page === 'new-notice') return { page: 'new-notice', inspectionId: Number(a) > 0 ? Number(a) : null, itemCode: b ? decodeURIComponent(b) : null };
  return { page: 'notices' };
}

/** Goes to a quality page (`#/quality/…`). */
export function goToQuality(path: string): void {
  window.location.hash = `#/quality/${path}`;
}
