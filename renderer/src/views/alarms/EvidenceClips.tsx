import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../../../electron/common/alarms.js';
import type { ClipView } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { addStrings } from '../../i18n/add-strings.js';
import { useBefore } from '../../state/use-clock.js';
import type { ApiClient } from '../../transport/api-client.js';
import { useMediaUrl } from '../../video/media-tickets.js';

addStrings(
  'evidence',
  { heading: 'Video evidence', pending: 'Recording the clip (10 s before, 20 s after)…', none: 'No camera records this device.', camera: 'Camera {{camera}}', download: 'Download MP4', seconds: '{{n}} s' },
  { heading: '视频证据', pending: '正在录制证据片段（前 10 秒，后 20 秒）…', none: '该设备没有关联录像摄像机。', camera: '摄像机 {{camera}}', download: '下载 MP4', seconds: '{{n}} 秒' },
);

/** How long after activation a clip may still be on its way (pre-roll + post-roll + writing). */
const CLIP_WAIT_MS = 90_000;

/** The alarm's evidence clips, played in place; polls while a clip is still being recorded. */
export function EvidenceClips({ alarm, clips, client, timeZone }: { alarm: Alarm; clips: ClipView[]; client: ApiClient; timeZone: string }) {
  const { t } = useTranslation();
  // Clips found by polling, for the alarm they were polled for; the detail's own list wins once it has any.
  const [polled, setPolled] = useState<{ alarmId: string; clips: ClipView[] } | null>(null);
  const current = clips.length === 0 && polled?.alarmId === alarm.id ? polled.clips : clips;
  const mayStillCome = useBefore(alarm.activatedAt === null ? null : alarm.activatedAt + CLIP_WAIT_MS);
  const waiting = current.length === 0 && mayStillCome;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void client.call('getAlarm', { id: alarm.id }).then((reply) => reply.clips.length && setPolled({ alarmId: alarm.id, clips: reply.clips }), () => undefined);
    }, 5000);
    return () => clearInterval(timer);
  }, [waiting, client, alarm.id]);

  return (
    <section className="panel evidence-clips" data-testid="evidence-clips">
      <h3>{t('evidence.heading')}</h3>
      {current.length === 0 && <p className="hint">{waiting ? t('evidence.pending') : t('evidence.none')}</p>}
      {current.map((clip) => (
        <EvidenceClip key={clip.file} clip={clip} timeZone={timeZone} />
      ))}
    </section>
  );
}

/** One clip: its player and download link, through a media ticket for that file. */
function EvidenceClip({ clip, timeZone }: { clip: ClipView; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const url = useMediaUrl(clip.url);
  return (
    <figure className="evidence-clip">
      {url ? <video controls preload="metadata" src={url} data-testid="evidence-video" /> : <video controls preload="none" data-testid="evidence-video" />}
      <figcaption>
        {t('evidence.camera', { camera: clip.cameraId })} · {formatSiteTime(clip.startedAt, timeZone, i18n.language, true)} ·{' '}
        {t('evidence.seconds', { n: Math.round(clip.durationSec) })} ·{' '}
        <a href={url ?? undefined} download={clip.file}>
          {t('evidence.download')}
        </a>
      </figcaption>
    </figure>
  );
}
