/**
 * What an alarm is about, from its condition key (`device:quantity:level`, e.g.
 * `crane-1:moment:cutoff`; anti-collision `a~b:collision:stop`; dust `dust-1:pm10-1h-warning`).
 * Overload: a crane's load or moment at the overload (100 %) or cut-off (110 %) band, as GB 5144
 * practice names them; warnings at 90 % are not overloads.
 */
export type AlarmCategory = 'overload' | 'collision' | 'dust' | 'other';

export interface AlarmKind {
  quantity: string;
  category: AlarmCategory;
  /** Devices the alarm concerns (both cranes of an anti-collision pair). */
  devices: string[];
}

const DUST_QUANTITY = /^(pm10|pm25|tsp|noise)/;

export function alarmKindOf(conditionKey: string, sourceDevice: string, deviceKind: (id: string) => string | undefined): AlarmKind {
  const [subject = sourceDevice, quantity = 'condition', level = ''] = conditionKey.split(':');
  if (quantity === 'collision') return { quantity, category: 'collision', devices: subject.split('~') };
  const kind = deviceKind(sourceDevice);
  if (kind === 'crane' && (quantity === 'load' || quantity === 'moment') && (level === 'overload' || level === 'cutoff')) {
    return { quantity, category: 'overload', devices: [sourceDevice] };
  }
  if (kind === 'hoist' && quantity === 'overload') return { quantity, category: 'overload', devices: [sourceDevice] };
  if (kind === 'dust' && DUST_QUANTITY.test(quantity)) return { quantity, category: 'dust', devices: [sourceDevice] };
  return { quantity, category: 'other', devices: [sourceDevice] };
}
