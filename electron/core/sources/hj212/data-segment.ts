/**
 * The data segment of an HJ 212-2017 frame (clause 6.3.3): `;`-separated `key=value` fields,
 * the last of which is the command parameters `CP=&&…&&`.
 *
 * Maps, not plain objects, hold what came off the wire, so that a key such as `__proto__` is just
 * a key.
 */
export interface Hj212Packet {
  /** Request id, a timestamp with milliseconds (`yyyyMMddHHmmsszzz`); echoed in replies. */
  qn?: string;
  /** System code: 22 ambient air, 23 noise, 91 system interaction… (appendix A). */
  st?: string;
  /** Command code: 2011 real-time data, 2051 minute, 2061 hour, 2031 day… (appendix B). */
  cn: string;
  /** Access password. */
  pw?: string;
  /** Monitoring point id (MN). */
  mn?: string;
  /** Version bits, packet-number bit and reply bit; see flag.ts. Absent when the field is. */
  flag?: number;
  /** Total packets and this packet's number, present when the message was split (Flag bit D). */
  pnum?: string;
  pno?: string;
  cp: Hj212Parameters;
}

/** The contents of `CP=&&…&&`. */
export interface Hj212Parameters {
  /** Fields of no pollutant: `DataTime`, `RtdInterval`, `QnRtn`… */
  params: ReadonlyMap<string, string>;
  /** Per pollutant code (`a34002`), its fields as sent (`Rtd`, `Avg`, `Min`, `Max`, `Cou`, `Flag`…). */
  pollutants: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export type ParsedSegment = { ok: true; packet: Hj212Packet } | { ok: false; reason: string };

const CP_OPEN = 'CP=&&';
const CP_CLOSE = '&&';

/** Parses a data segment; the reason says what was wrong. Never throws. */
export function parseDataSegment(segment: string): ParsedSegment {
  const cpAt = segment.indexOf(CP_OPEN);
  if (cpAt < 0 || (cpAt > 0 && segment[cpAt - 1] !== ';')) return { ok: false, reason: 'no CP=&&…&& field' };
  const cpBody = segment.slice(cpAt + CP_OPEN.length);
  if (!cpBody.endsWith(CP_CLOSE)) return { ok: false, reason: 'CP does not end with &&' };

  const header = new Map<string, string>();
  for (const field of segment.slice(0, cpAt).split(';')) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `malformed field "${clip(field)}"` };
    const key = field.slice(0, eq);
    // Two MN or PW fields would leave it to chance which one is checked: refuse the packet.
    if (header.has(key)) return { ok: false, reason: `field ${clip(key)} appears twice` };
    header.set(key, field.slice(eq + 1));
  }
  const cn = header.get('CN');
  if (!cn) return { ok: false, reason: 'no CN (command code)' };
  const flagText = header.get('Flag');
  if (flagText !== undefined && !/^\d{1,3}$/.test(flagText)) return { ok: false, reason: `Flag "${clip(flagText)}" is not a number` };

  const cp = parseParameters(cpBody.slice(0, -CP_CLOSE.length));
  if (!cp.ok) return cp;
  const packet: Hj212Packet = { cn, cp: cp.parameters };
  const optional = { qn: 'QN', st: 'ST', pw: 'PW', mn: 'MN', pnum: 'PNUM', pno: 'PNO' } as const;
  for (const [name, key] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const value = header.get(key);
    if (value !== undefined) packet[name] = value;
  }
  if (flagText !== undefined) packet.flag = Number(flagText);
  return { ok: true, packet };
}

/**
 * Parses the inside of `CP=&&…&&`: items separated by `;` or `,` (the standard puts `,` between
 * fields of one pollutant and `;` between pollutants; nothing depends on which). A key with a `-`
 * is `code-Field`; the split is at the last `-` because field names never contain one.
 */
function parseParameters(text: string): { ok: true; parameters: Hj212Parameters } | { ok: false; reason: string } {
  const params = new Map<string, string>();
  const pollutants = new Map<string, Map<string, string>>();
  for (const item of text.split(/[;,]/)) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `malformed CP item "${clip(item)}"` };
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const dash = key.lastIndexOf('-');
    if (dash < 0) {
      if (!params.has(key)) params.set(key, value);
      continue;
    }
    const code = key.slice(0, dash);
    const field = key.slice(dash + 1);
    if (!code || !field) return { ok: false, reason: `malformed CP key "${clip(key)}"` };
    let fields = pollutants.get(code);
    if (!fields) pollutants.set(code, (fields = new Map()));
    if (!fields.has(field)) fields.set(field, value);
  }
  return { ok: true, parameters: { params, pollutants } };
}

/** The header fields of a segment we send, in the standard's order. */
export interface Hj212Header {
  qn?: string;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  flag: number;
}

/** Builds a data segment: header fields in the standard's order, then `CP=&&cp&&`. */
export function formatDataSegment(header: Hj212Header, cp = ''): string {
  const qn = header.qn === undefined ? '' : `QN=${header.qn};`;
  return `${qn}ST=${header.st};CN=${header.cn};PW=${header.pw};MN=${header.mn};Flag=${header.flag};CP=&&${cp}&&`;
}

/** Keeps wire text in log lines and reasons short. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
