import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { SiteRules } from '../../../electron/core/alarms/rules/site-rules.js';
import { evaluateOffline } from '../../../electron/core/alarms/rules/offline.js';
import { alarmMessage } from '../../../renderer/src/views/alarms/alarm-text.js';

beforeAll(async () => {
  await i18next.init({ lng: 'zh-CN', fallbackLng: false, resources: { en: { translation: {} }, 'zh-CN': { translation: {} } } });
  // alarm-text.ts queued its strings at import, before init; they are applied on 'initialized'.
});

describe('alarm messages in the operator language', () => {
  it('translates a crane cut-off into Chinese with its numbers', () => {
    const text = alarmMessage({ message: 'Moment 115.0 % of rated ≥ 110 %', text: { key: 'crane.moment.cutoff', params: { value: '115.0', limit: 110 } } }, i18next.t);
    expect(text).toBe('力矩 115.0% 额定 ≥ 110%（已切断起升）');
  });

  it('falls back to the English message for an unknown key or an old alarm without a key', () => {
    expect(alarmMessage({ message: 'Something new', text: { key: 'nope.never', params: {} } }, i18next.t)).toBe('Something new');
    expect(alarmMessage({ message: 'Stored before keys existed' }, i18next.t)).toBe('Stored before keys existed');
  });

  it('has a Chinese and an English string for every key the rules emit', () => {
    const rules = new SiteRules({ timeZone: 'Asia/Shanghai', hoists: { 'hoist-1': { authorisedDrivers: ['D-1'] } } });
    const keys = new Set<string>();
    const add = (evs: { text?: { key: string } }[]) => evs.forEach((e) => e.text && keys.add(e.text.key));
    add(rules.evaluate({ deviceId: 'crane-1', kind: 'crane', ts: Date.now(), values: { loadT: 9, ratedLoadT: 8, momentPct: 115, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 15, tiltDeg: 2 } }));
    add(rules.evaluate({ deviceId: 'hoist-1', kind: 'hoist', ts: Date.now(), values: { loadKg: 2500, ratedLoadKg: 2000, people: 12, ratedPeople: 9, floor: 3, heightM: 9, speedMs: 1, doorOpen: true, tiltDeg: 0, driverId: 'X' } }));
    add([evaluateOffline('dust-1', 'dust', null, 5000, Date.now(), Date.now() - 60_000)]);
    expect(keys.size).toBeGreaterThanOrEqual(10);
    for (const key of keys) {
      for (const lng of ['en', 'zh-CN']) {
        expect(i18next.exists(`alarmText.${key}`, { lng }), `${lng}: alarmText.${key}`).toBe(true);
      }
    }
  });
});
