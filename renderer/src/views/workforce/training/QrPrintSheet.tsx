import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseSummary, PortalLinkView } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';

/**
 * An A4 sheet for the gate or the site office: a big QR code to the worker page on the site LAN,
 * the course name, and the steps in Chinese (workers read it, whatever the console's language),
 * including the one-time certificate warning a phone shows for a self-signed HTTPS address.
 */
export function QrPrintSheet({ client, courseId }: { client: ApiClient; courseId?: number }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<PortalLinkView | null>(null);
  const [course, setCourse] = useState<CourseSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.call('getPortalLink', courseId ? { courseId } : {}).then(setLink, (e: Error) => setError(e.message));
    if (courseId) client.call('listCourses').then((all) => setCourse(all.find((c) => c.id === courseId) ?? null), () => undefined);
  }, [client, courseId]);
  if (error) return <p className="training-error">{error}</p>;
  if (!link) return null;
  const loopback = link.urls.every((u) => /\/\/(127\.|localhost|\[::1\])/.test(u));
  return (
    <div data-testid="training-qr-sheet">
      <div className="qr-tools">
        <a href={`#/workforce/training/courses${courseId ? `/${courseId}` : ''}`}>{t('training.print.back')}</a>
        <button type="button" onClick={() => window.print()}>
          {t('training.print.print')}
        </button>
        <span className={loopback ? 'training-error' : 'training-message'}>{loopback ? t('training.print.loopback') : t('training.print.lan', { url: link.urls.join('  ') })}</span>
      </div>
      <article className="qr-sheet">
        <h1>手机扫码 · 培训考试</h1>
        <h2>{course ? course.title : '工地安全培训'}</h2>
        <div className="qr" dangerouslySetInnerHTML={{ __html: link.qrSvg }} />
        <p className="url">{link.urls[0]}</p>
        <ol>
          <li>手机连接工地 Wi-Fi（不需要外网）。</li>
          <li>用微信或相机扫描上面的二维码。</li>
          <li>输入身份证号和登记的手机号；没有登记手机号的，到劳务办领取 6 位一次性验证码。</li>
          <li>先学习资料，再开始考试；考试限时，时间到自动交卷。</li>
        </ol>
        {link.selfSigned && <p className="note">首次打开时手机会提示“证书不受信任 / 连接不是私密连接”：这是工地内网的自签名证书，请点“继续访问”（只需一次）。</p>}
        <p className="note">本页面只在工地内网可用，不收集密码。有问题请找劳务管理员。</p>
      </article>
    </div>
  );
}
