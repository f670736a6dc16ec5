import { describe, expect, it } from 'vitest';
import { IntervalAccumulator } from '../../../electron/core/sim/interval-accumulator.js';

describe('simulated monitor interval aggregates', () => {
  it('closes a minute when the next one starts, with min, max and mean of its readings', () => {
    const acc = new IntervalAccumulator();
    expect(acc.add('20261125140000', { a34002: 40 })).toEqual([]);
    expect(acc.add('20261125140030', { a34002: 60, a34004: Number.NaN })).toEqual([]);
    const closed = acc.add('20261125140100', { a34002: 10 });
    expect(closed).toHaveLength(1);
    expect(closed[0]!.cn).toBe('2051');
    expect(closed[0]!.dataTime).toBe('20261125140000');
    expect(closed[0]!.fields.get('a34002')).toEqual({ min: 40, max: 60, sum: 100, count: 2 });
    // A non-finite value is no measurement.
    expect(closed[0]!.fields.has('a34004')).toBe(false);
  });

  it('closes the hour and its last minute together, stamped with their starts', () => {
    const acc = new IntervalAccumulator();
    acc.add('20261125145930', { LA: 60 });
    acc.add('20261125145959', { LA: 62 });
    const closed = acc.add('20261125150000', { LA: 55 });
    expect(closed.map((c) => [c.cn, c.dataTime])).toEqual([
      ['2051', '20261125145900'],
      ['2061', '20261125140000'],
    ]);
    expect(closed[1]!.fields.get('LA')).toEqual({ min: 60, max: 62, sum: 122, count: 2 });
  });
});
