import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNoticeAnswer } from '../../electron/supervision/authority/index.js';
import { answerOnSite, AUTHORITY_ADMIN_PASSWORD, pendingAnswers, SITE_ID, siteAuthorityNotices, startAuthorityWorld, type AuthorityWorld } from '../helpers/authority-fixture.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { removeTempDirs } from '../helpers/temp-dir.js';

// The authority console in Chromium at 1920×1080 against the supervision side (PostgreSQL, NATS
// MQTT) and a real site core: 30 sites listed, a notice issued from the site's page goes down,
// the site answers with a photo, the authority sees the photo, verifies and closes it.
let w: AuthorityWorld;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  w = await startAuthorityWorld(30);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(w.authority.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', AUTHORITY_ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=authority-app]');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.stop();
  removeTempDirs();
});

/** What the authority map exposes in test builds (renderer/src/views/authority/SiteMap.tsx), typed for the page callbacks. */
interface MapHook {
  __authorityMap?: { markers(): { id: string; status: string; sites: string[] }[] };
}

describe('authority console', () => {
  it('lists all sites on the map and in the table, filters by district', async () => {
    await expect.poll(() => page.locator('[data-testid=au-table] tbody tr').count(), { timeout: 10_000 }).toBe(30);
    expect(await page.locator('[data-testid=au-row-site-a03]').innerText()).toMatch(/离线/);
    // The Cesium map: every site in exactly one marker (alone or in a cluster), the offline site's
    // marker at least as bad as offline, more than one marker at the city-wide view.
    const markers = () => page.evaluate(() => (globalThis as unknown as MapHook).__authorityMap?.markers() ?? []);
    await expect.poll(async () => (await markers()).flatMap((m) => m.sites).length, { timeout: 20_000 }).toBe(30);
    const drawn = await markers();
    expect(drawn.flatMap((m) => m.sites).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `site-a${String(i + 1).padStart(2, '0')}`));
    expect(drawn.length).toBeGreaterThan(1);
    expect(['critical', 'warning', 'offline']).toContain(drawn.find((m) => m.sites.includes('site-a03'))!.status);
    await screenshot(page, 'authority-overview');
    await page.selectOption('[data-testid=au-filter-district]', '台江区');
    await expect.poll(() => page.locator('[data-testid=au-table] tbody tr').count()).toBeLessThan(30);
    for (const row of await page.locator('[data-testid=au-table] tbody tr').allInnerTexts()) expect(row).toMatch(/台江区/);
    const rows = await page.locator('[data-testid=au-table] tbody tr').count();
    await expect.poll(async () => (await markers()).flatMap((m) => m.sites).length).toBe(rows);
    await page.selectOption('[data-testid=au-filter-district]', '');
  });

  it('a notice goes down, the site answers with a photo, the authority sees it and closes it', async () => {
    await page.click(`[data-testid=au-row-${SITE_ID}]`);
    await page.waitForSelector('[data-testid=au-site]');
    await expect.poll(() => page.locator('[data-testid=au-trend] circle').count()).toBe(7);
    expect(await page.locator('[data-testid=au-console-link]').getAttribute('href')).toMatch(/^https:/);
    await page.fill('[data-testid=au-notice-title]', '塔吊司机无证上岗');
    await page.fill('[data-testid=au-notice-body]', '依据《建筑起重机械安全监督管理规定》第二十五条，立即停止无证人员作业并整改');
    await page.fill('[data-testid=au-notice-evidence]', 'ALM-42');
    await screenshot(page, 'authority-site');
    await page.click('[data-testid=au-notice-submit]');
    await page.waitForSelector('[data-testid=au-notice-detail]');
    expect(await page.locator('[data-testid=au-notice-state]').innerText()).toBe('已下达');

    const onSite = await eventually(() => siteAuthorityNotices(w.site, w.siteToken), (n) => n.length === 1, 10_000);
    expect(onSite[0]!.description).toMatch(/塔吊司机无证上岗/);
    await answerOnSite(w.site, w.siteToken, onSite[0]!.id);
    // The uplink ingest's part: the site's queued answer into PostgreSQL.
    const answers = await eventually(async () => pendingAnswers(w.siteData), (a) => a.length === 1);
    expect(await applyNoticeAnswer(w.pool, answers[0]!)).toBe('applied');

    await expect.poll(() => page.locator('[data-testid=au-notice-state]').innerText(), { timeout: 10_000 }).toBe('已回复');
    await expect.poll(() => page.locator('[data-testid=au-answer-photo]').count()).toBe(1);
    expect(await page.locator('[data-testid=au-answer-photo]').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(320);
    await page.fill('[data-testid=au-comment]', '现场复查，已整改到位');
    await page.click('[data-testid=au-verify]');
    await expect.poll(() => page.locator('[data-testid=au-notice-state]').innerText()).toBe('已复查');
    await page.click('[data-testid=au-close]');
    await expect.poll(() => page.locator('[data-testid=au-notice-state]').innerText()).toBe('已销项');
    await expect.poll(() => page.locator('[data-testid=au-audit] li').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'authority-notice');
    const closed = await eventually(() => siteAuthorityNotices(w.site, w.siteToken), (n) => n[0]?.state === 'closed', 10_000);
    expect(closed[0]!.state).toBe('closed');
    expect(errors).toEqual([]);
  }, 40_000);
});
