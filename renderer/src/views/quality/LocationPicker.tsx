import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityLocation } from '../../../../electron/common/quality.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Building (from the site model) and floor; none picked: no location. */
export function LocationPicker({ client, value, onChange }: { client: ApiClient; value: QualityLocation | null; onChange: (location: QualityLocation | null) => void }) {
  const { t } = useTranslation();
  const [buildings, setBuildings] = useState<{ id: string; name: string; plannedFloors: number }[]>([]);
  useEffect(() => {
    void client.call('getSiteModel').then((m) => setBuildings(m.buildings), () => undefined);
  }, [client]);
  const building = value?.kind === 'building' ? value : null;
  const picked = buildings.find((b) => b.id === building?.buildingId);
  return (
    <>
      <label className="field">
        <span>{t('quality.form.building')}</span>
        <select value={building?.buildingId ?? ''} onChange={(e) => onChange(e.target.value ? { kind: 'building', buildingId: e.target.value, floor: null } : null)} data-testid="q-building">
          <option value="">{t('quality.form.noLocation')}</option>
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('quality.form.floor')}</span>
        <select
          value={building?.floor ?? ''}
          disabled={!picked}
          onChange={(e) => building && onChange({ ...building, floor: e.target.value ? Number(e.target.value) : null })}
          data-testid="q-floor"
        >
          <option value="">—</option>
          {picked && Array.from({ length: picked.plannedFloors }, (_, i) => i + 1).map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
    </>
  );
}
