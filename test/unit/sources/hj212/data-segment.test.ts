import { describe, expect, it } from 'vitest';
import { formatDataSegment, parseDataSegment, type Hj212Packet } from '../../../../electron/core/sources/hj212/data-segment.js';
import { CAPTURED_2011 } from './fixtures.js';

function parse(segment: string): Hj212Packet {
  const parsed = parseDataSegment(segment);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.packet;
}

describe('parseDataSegment', () => {
  it('reads the header fields and every pollutant of a real-time (2011) frame', () => {
    const packet = parse(CAPTURED_2011);
    expect(packet).toMatchObject({ qn: '20240315143025123', st: '22', cn: '2011', pw: '123456', mn: '88888880000001', flag: 5 });
    expect(packet.cp.params.get('DataTime')).toBe('20240315143000');
    expect([...packet.cp.pollutants.keys()]).toEqual(['a34001', 'a34002', 'a34004', 'a01001', 'a01002', 'a01006', 'a01007', 'a01008', 'LA']);
    expect(Object.fromEntries(packet.cp.pollutants.get('a34002')!)).toEqual({ Rtd: '92.4', Flag: 'N' });
    expect(Object.fromEntries(packet.cp.pollutants.get('a01008')!)).toEqual({ Rtd: '135', Flag: 'M' });
    expect(packet.pnum).toBeUndefined();
  });

  it.each([
    ['2051', 'minute'],
    ['2061', 'hour'],
    ['2031', 'day'],
  ])('reads Min/Avg/Max/Cou of a %s (%s) frame', (cn) => {
    const segment =
      `QN=20240315150000001;ST=22;CN=${cn};PW=123456;MN=88888880000001;Flag=4;CP=&&DataTime=20240315140000;` +
      'a34002-Min=61.0,a34002-Avg=88.5,a34002-Max=140.2,a34002-Cou=0.0,a34002-Flag=N;LA-Min=52.1,LA-Avg=60.4,LA-Max=71.9,LA-Flag=N&&';
    const packet = parse(segment);
    expect(packet.cn).toBe(cn);
    expect(packet.flag).toBe(4);
    expect(Object.fromEntries(packet.cp.pollutants.get('a34002')!)).toEqual({ Min: '61.0', Avg: '88.5', Max: '140.2', Cou: '0.0', Flag: 'N' });
    expect(packet.cp.pollutants.get('LA')?.get('Avg')).toBe('60.4');
  });

  it('reads PNUM and PNO of a split message and an empty CP', () => {
    const packet = parse('QN=20240315150000001;ST=22;CN=2011;PW=1;MN=M1;Flag=7;PNUM=2;PNO=1;CP=&&&&');
    expect(packet).toMatchObject({ pnum: '2', pno: '1', flag: 7 });
    expect(packet.cp.params.size + packet.cp.pollutants.size).toBe(0);
  });

  it('keeps keys such as __proto__ as plain data', () => {
    const packet = parse('CN=2011;MN=M1;CP=&&__proto__=1;constructor-Rtd=5&&');
    expect(packet.cp.params.get('__proto__')).toBe('1');
    expect(packet.cp.pollutants.get('constructor')?.get('Rtd')).toBe('5');
    expect(({} as Record<string, unknown>).Rtd).toBeUndefined();
  });

  it.each([
    ['no CP', 'QN=1;ST=22;CN=2011;PW=1;MN=M1;Flag=5', /CP/],
    ['CP not closed', 'CN=2011;MN=M1;CP=&&DataTime=20240315143000', /&&/],
    ['CP glued to a field', 'CN=2011;MN=M1CP=&&&&', /CP/],
    ['no CN', 'QN=1;ST=22;PW=1;MN=M1;Flag=5;CP=&&&&', /CN/],
    ['field without =', 'QN=1;ST;CN=2011;CP=&&&&', /malformed/],
    ['two MN fields', 'CN=2011;MN=M1;MN=M2;PW=1;CP=&&&&', /twice/],
    ['Flag not a number', 'CN=2011;MN=M1;Flag=A;CP=&&&&', /Flag/],
    ['CP item without =', 'CN=2011;MN=M1;CP=&&DataTime=20240315143000;a34002-Rtd&&', /malformed/],
    ['CP key with empty code', 'CN=2011;MN=M1;CP=&&-Rtd=5&&', /malformed/],
  ])('refuses a segment with %s, saying why', (_label, segment, reason) => {
    const parsed = parseDataSegment(segment);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('formatDataSegment', () => {
  it('writes the header in the standard order and parses back to the same fields', () => {
    const segment = formatDataSegment({ qn: '20160801085857223', st: '91', cn: '9014', pw: '100000', mn: '010000A8900016F000169DC0', flag: 4 });
    expect(segment).toBe('QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&');
    expect(parse(segment)).toMatchObject({ qn: '20160801085857223', st: '91', cn: '9014', pw: '100000', flag: 4 });
  });
});
