import { describe, expect, it } from 'vitest';
import { parseDataSegment, type Hj212Packet } from '../../../../electron/core/sources/hj212/data-segment.js';
import { parseDataTime } from '../../../../electron/core/sources/hj212/data-time.js';
import { toDustReading } from '../../../../electron/core/sources/hj212/readings.js';
import { CAPTURED_2011 } from './fixtures.js';

const SHANGHAI = 'Asia/Shanghai';
/** Well after every DataTime used here, so none is "in the future". */
const RECEIVED = Date.UTC(2024, 2, 16);

function packet(segment: string): Hj212Packet {
  const parsed = parseDataSegment(segment);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.packet;
}
function upload(cn: string, cp: string): Hj212Packet {
  return packet(`QN=20240315143025123;ST=22;CN=${cn};PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20240315143000;${cp}&&`);
}
function values(cn: string, cp: string) {
  const result = toDustReading(upload(cn, cp), SHANGHAI, RECEIVED);
  if (!result.ok) throw new Error(result.reason);
  return result.reading.values;
}

describe('DataTime', () => {
  it('reads yyyyMMddHHmmss in Asia/Shanghai (UTC+8) as UTC epoch ms', () => {
    expect(parseDataTime('20240315143000', SHANGHAI)).toBe(Date.UTC(2024, 2, 15, 6, 30, 0));
    // Shanghai's early morning is the previous day in UTC.
    expect(parseDataTime('20160801005857', SHANGHAI)).toBe(Date.UTC(2016, 6, 31, 16, 58, 57));
    expect(parseDataTime('20250101000000', SHANGHAI)).toBe(Date.parse('2024-12-31T16:00:00Z'));
  });

  it('follows the zone it is given, daylight saving included', () => {
    expect(parseDataTime('20240715120000', 'America/New_York')).toBe(Date.UTC(2024, 6, 15, 16));
    expect(parseDataTime('20240115120000', 'America/New_York')).toBe(Date.UTC(2024, 0, 15, 17));
    expect(parseDataTime('20240315143000', 'UTC')).toBe(Date.UTC(2024, 2, 15, 14, 30));
  });

  it.each(['2024031514300', '202403151430000', '2024-03-15 14:30', '20241315143000', '20240431120000', '20240315246000', '20240315143060', '00000315143000'])(
    'refuses %s',
    (text) => expect(parseDataTime(text, SHANGHAI)).toBeNull(),
  );
});

describe('toDustReading', () => {
  it('maps a real-time frame to the DustReading fields MQTT uses, leaving out flagged and unmapped codes', () => {
    const result = toDustReading(packet(CAPTURED_2011), SHANGHAI, RECEIVED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reading.ts).toBe(Date.UTC(2024, 2, 15, 6, 30));
    // a01008 (wind direction) is flagged M (maintenance); a01006 (pressure) has no DustReading field.
    expect(result.reading.values).toEqual({ tsp: 186.3, pm10: 92.4, pm25: 41.7, tempC: 18.6, rh: 56.2, windMs: 2.3, noiseDb: 63.8 });
    expect(result.reading.dropped).toEqual(['a01008: flag M']);
  });

  it('maps every listed code to its field', () => {
    const cp = ['a34001', 'a34002', 'a34004', 'a01001', 'a01002', 'a01007', 'a01008', 'a50001']
      .map((code, i) => `${code}-Rtd=${i + 1}.5,${code}-Flag=N`)
      .join(';');
    expect(values('2011', cp)).toEqual({ tsp: 1.5, pm10: 2.5, pm25: 3.5, tempC: 4.5, rh: 5.5, windMs: 6.5, windDir: 7.5, noiseDb: 8.5 });
  });

  it('takes only Rtd: a real-time frame carrying Avg/Min/Max maps nothing (interval data are read by toIntervalRecord)', () => {
    const cp = 'a34002-Min=61.0,a34002-Avg=88.5,a34002-Max=140.2,a34002-Flag=N;a34004-Rtd=35.25,a34004-Flag=N';
    expect(values('2011', cp)).toEqual({ pm25: 35.25 });
  });

  it('drops every value whose flag is not N, keeps values sent without a flag', () => {
    const cp = ['a34001-Rtd=1,a34001-Flag=F', 'a34002-Rtd=2,a34002-Flag=M', 'a34004-Rtd=3,a34004-Flag=D', 'a01001-Rtd=4,a01001-Flag=C', 'a01002-Rtd=5,a01002-Flag=T', 'a01007-Rtd=6', 'a01008-Rtd=7,a01008-Flag=n'].join(';');
    expect(values('2011', cp)).toEqual({ windMs: 6, windDir: 7 });
  });

  it('prefers Leq, then a50001, then LA for noise, skipping a flagged one', () => {
    expect(values('2011', 'LA-Rtd=60,LA-Flag=N;Leq-Rtd=58,Leq-Flag=N;a50001-Rtd=59,a50001-Flag=N')).toEqual({ noiseDb: 58 });
    expect(values('2011', 'LA-Rtd=60,LA-Flag=N;a50001-Rtd=59,a50001-Flag=N')).toEqual({ noiseDb: 59 });
    expect(values('2011', 'LA-Rtd=60,LA-Flag=N;Leq-Rtd=58,Leq-Flag=M')).toEqual({ noiseDb: 60 });
    expect(values('2011', 'L10-Rtd=70,L10-Flag=N;L90-Rtd=50,L90-Flag=N')).toEqual({});
  });

  it('drops values that are not plain decimal numbers (surrounding spaces are tolerated)', () => {
    expect(values('2011', 'a34001-Rtd=0x10;a34002-Rtd=;a34004-Rtd=Infinity;a01001-Rtd=-3.5;a01002-Rtd=1e2;a01007-Rtd= 2 ;a01008-Rtd=1 2')).toEqual({
      tempC: -3.5,
      rh: 100,
      windMs: 2,
    });
  });

  it('refuses other commands, a missing or impossible DataTime, and one from the future', () => {
    const noTime = packet('QN=1;ST=22;CN=2011;PW=1;MN=M;Flag=5;CP=&&a34002-Rtd=5&&');
    const badTime = packet('QN=1;ST=22;CN=2011;PW=1;MN=M;Flag=5;CP=&&DataTime=20240231120000;a34002-Rtd=5&&');
    expect(toDustReading(upload('2021', 'a34002-Rtd=5'), SHANGHAI, RECEIVED)).toMatchObject({ ok: false, reason: /2021/ });
    expect(toDustReading(noTime, SHANGHAI, RECEIVED)).toMatchObject({ ok: false, reason: /DataTime/ });
    expect(toDustReading(badTime, SHANGHAI, RECEIVED)).toMatchObject({ ok: false, reason: /DataTime/ });
    const sentAt = Date.UTC(2024, 2, 15, 6, 30);
    expect(toDustReading(upload('2011', 'a34002-Rtd=5'), SHANGHAI, sentAt - 4 * 60_000).ok).toBe(true);
    expect(toDustReading(upload('2011', 'a34002-Rtd=5'), SHANGHAI, sentAt - 6 * 60_000)).toMatchObject({ ok: false, reason: /future/ });
  });
});
