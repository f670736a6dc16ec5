import { describe, expect, it } from 'vitest';
import { parseDataSegment, type Hj212Packet } from '../../../../electron/core/sources/hj212/data-segment.js';
import { toIntervalRecord } from '../../../../electron/core/sources/hj212/interval-records.js';
import { toDustReading } from '../../../../electron/core/sources/hj212/readings.js';

const SHANGHAI = 'Asia/Shanghai';
/** Well after every DataTime used here, so none is "in the future". */
const RECEIVED = Date.UTC(2024, 2, 16);

function upload(cn: string, cp: string, dataTime: string | null = '20240315140000'): Hj212Packet {
  const time = dataTime === null ? '' : `DataTime=${dataTime};`;
  const parsed = parseDataSegment(`QN=20240315150005000;ST=22;CN=${cn};PW=123456;MN=88888880000001;Flag=5;CP=&&${time}${cp}&&`);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.packet;
}

function interval(cn: string, cp: string) {
  const result = toIntervalRecord(upload(cn, cp), SHANGHAI, RECEIVED);
  if (!result.ok) throw new Error(result.reason);
  return result.interval;
}

describe('toIntervalRecord', () => {
  it('reads an hour record with Avg/Min/Max/Cou and flags as sent, DataTime in the site zone', () => {
    const record = interval(
      '2061',
      'a34002-Min=61.0,a34002-Avg=88.5,a34002-Max=140.2,a34002-Cou=0.0,a34002-Flag=N;a34004-Min=20,a34004-Avg=35.25,a34004-Max=50,a34004-Flag=M;LA-Avg=60.4',
    );
    expect(record.kind).toBe('hour');
    // 14:00 in Shanghai is 06:00 UTC.
    expect(record.dataTime).toBe(Date.UTC(2024, 2, 15, 6));
    expect(record.values).toEqual([
      { code: 'a34002', avg: 88.5, min: 61, max: 140.2, cou: 0, flag: 'N' },
      // Flagged M (maintenance): kept, with its flag, so a compliance count can leave it out knowingly.
      { code: 'a34004', avg: 35.25, min: 20, max: 50, cou: null, flag: 'M' },
      { code: 'LA', avg: 60.4, min: null, max: null, cou: null, flag: null },
    ]);
    expect(record.dropped).toEqual([]);
  });

  it('tells minute, hour and day data apart by CN, and keeps codes the console does not map', () => {
    const cp = 'a01006-Avg=101.3,a01006-Flag=n;w01018-Cou=12.5';
    expect(interval('2051', cp).kind).toBe('minute');
    expect(interval('2031', cp).kind).toBe('day');
    expect(interval('2061', cp).values).toEqual([
      { code: 'a01006', avg: 101.3, min: null, max: null, cou: null, flag: 'N' },
      { code: 'w01018', avg: null, min: null, max: null, cou: 12.5, flag: null },
    ]);
  });

  it('leaves out a pollutant with a field that is not a plain number, or with no aggregate at all, and says why', () => {
    const record = interval(
      '2061',
      'a34002-Avg=88.5,a34002-Flag=N;a34004-Avg=abc,a34004-Min=3;a34001-Max=1e999;a01001-Min=0x10;a01002-Rtd=55;a01007-Avg=2,a01007-Flag=N!;a01008-Avg= 135 ',
    );
    expect(record.values.map((v) => [v.code, v.avg])).toEqual([
      ['a34002', 88.5],
      ['a01008', 135],
    ]);
    expect(record.dropped).toEqual([
      'a34004: Avg "abc" is not a number',
      'a34001: Max "1e999" is not a number',
      'a01001: Min "0x10" is not a number',
      'a01002: no Avg, Min, Max or Cou',
      'a01007: flag "N!" is not a data flag',
    ]);
  });

  it('refuses a record with no DataTime, an impossible or future one, or no usable value', () => {
    const reason = (packet: Hj212Packet, receivedAt = RECEIVED) => {
      const result = toIntervalRecord(packet, SHANGHAI, receivedAt);
      return result.ok ? 'accepted' : result.reason;
    };
    expect(reason(upload('2061', 'a34002-Avg=88.5', null))).toMatch(/no DataTime/);
    expect(reason(upload('2061', 'a34002-Avg=88.5', '20240230140000'))).toMatch(/not yyyyMMddHHmmss/);
    // Hour data stamped 14:00 (Shanghai) but received at 13:50: the monitor's clock is ahead.
    expect(reason(upload('2061', 'a34002-Avg=88.5'), Date.UTC(2024, 2, 15, 5, 50))).toMatch(/future/);
    expect(reason(upload('2061', 'a34002-Avg=NaN;a34004-Avg='))).toBe('hour data refused: no usable pollutant value (a34002: Avg "NaN" is not a number; a34004: Avg "" is not a number)');
    expect(reason(upload('2031', ''))).toBe('day data refused: CP carries no pollutant values');
    expect(reason(upload('2011', 'a34002-Rtd=88.5'))).toMatch(/not minute, hour or day data/);
  });

  it('is the only reader of interval data: toDustReading refuses it, so it cannot become a current value', () => {
    const cp = 'a34002-Min=61.0,a34002-Avg=88.5,a34002-Max=140.2,a34002-Flag=N';
    for (const [cn, kind] of [['2051', 'minute'], ['2061', 'hour'], ['2031', 'day']] as const) {
      expect(toDustReading(upload(cn, cp), SHANGHAI, RECEIVED)).toEqual({ ok: false, reason: `CN ${cn} is ${kind} data, not a real-time reading` });
    }
  });
});
