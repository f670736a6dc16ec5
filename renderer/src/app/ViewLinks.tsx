import { useTranslation } from 'react-i18next';
import { addStrings } from '../i18n/add-strings.js';

addStrings(
  'links',
  { in3d: 'Show in 3D', onMap: 'Show on map', device: 'Device detail', alarms: 'Its alarms' },
  { in3d: '在三维中查看', onMap: '在地图中查看', device: '设备详情', alarms: '相关报警' },
);

/**
 * Links that carry one device across the views (3D, device detail, alarm list), so an operator
 * goes from an alarm to where it is and back in one click — the same selection in every view.
 */
export function DeviceViewLinks({ deviceId, show }: { deviceId: string; show: Array<'in3d' | 'device' | 'alarms'> }) {
  const { t } = useTranslation();
  const id = encodeURIComponent(deviceId);
  const href = { in3d: `#/site3d/${id}`, device: `#/devices/${id}`, alarms: `#/alarms/${encodeURIComponent(`device:${deviceId}`)}` } as const;
  return (
    <span className="view-links" data-testid="view-links">
      {show.map((kind) => (
        <a key={kind} href={href[kind]} data-testid={`link-${kind}`}>
          {t(`links.${kind}`)}
        </a>
      ))}
    </span>
  );
}
