import { afterAll, beforeAll, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp-dir.js';
let serve: ServeProcess; let browser: Browser;
beforeAll(async () => { serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]); browser = await launchBrowser({ webgl: true }); }, 60_000);
afterAll(async () => { await browser?.close(); await serve?.stop(); });
it('shots', async () => {
  for (const [w, h] of [[1920, 1080], [3840, 2160]]) {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: w, height: h } });
    const page = await ctx.newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.goto(`${serve.url}/#/screen/default`);
    await page.waitForTimeout(8000);
    await page.screenshot({ path: `/tmp/wall/wall-${w}.png` });
    console.log(await page.evaluate(() => [...document.querySelectorAll('.wall-panel')].map((p) => { const b = p.querySelector('.wall-panel-body')!; return `${p.getAttribute('data-kind')} ${b.scrollHeight}/${b.clientHeight}`; }).join('\n')));
    await ctx.close();
  }
}, 120_000);
