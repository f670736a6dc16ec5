/**
 * Matching devices against the regulator's blacklist (黑名单) of data-collection equipment.
 * Nameplates and registry entries are typed by different people: "YC-3000 " and "yc-3000", or a
 * supplier with a doubled space, are the same product. Full-width forms (Ｙ, full-width space)
 * common in Chinese input are folded to their ASCII forms by NFKC.
 */

/** The comparable form of a model or supplier name: NFKC, trimmed, spaces collapsed, lower case. */
export function normalizeName(text: string | null | undefined): string {
  if (!text) return '';
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface BlacklistRule {
  id: number;
  model: string | null;
  supplier: string | null;
  reason: string;
}

/**
 * The first entry that matches a device. An entry with a model matches that model from any
 * supplier; with a supplier, anything from that supplier; with both, only that supplier's model.
 * A device with no model (or supplier) on record never matches an entry that needs one.
 */
export function findBlacklistMatch<E extends BlacklistRule>(entries: readonly E[], device: { model?: string | undefined; supplier?: string | undefined }): E | null {
  const model = normalizeName(device.model);
  const supplier = normalizeName(device.supplier);
  for (const entry of entries) {
    const wantModel = normalizeName(entry.model);
    const wantSupplier = normalizeName(entry.supplier);
    if (!wantModel && !wantSupplier) continue;
    if (wantModel && wantModel !== model) continue;
    if (wantSupplier && wantSupplier !== supplier) continue;
    return entry;
  }
  return null;
}
