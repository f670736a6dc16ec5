import { describe, expect, it } from 'vitest';
import { formatCrc, hj212Crc16 } from '../../../../electron/core/sources/hj212/crc16.js';

/** HJ 212-2017's own example frame (the standard's CRC example): 101-character data segment, CRC 1C80. */
const STANDARD_SEGMENT = 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';

/** CRC-16/MODBUS, the CRC people often reach for instead: same polynomial, different byte fold. */
function modbusCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1;
  }
  return crc;
}

describe('HJ 212 CRC16', () => {
  it("matches the standard's test vector", () => {
    const bytes = Buffer.from(STANDARD_SEGMENT, 'ascii');
    expect(bytes.length).toBe(101);
    expect(formatCrc(hj212Crc16(bytes))).toBe('1C80');
  });

  it('is not CRC-16/MODBUS (the byte is folded into the high byte)', () => {
    const bytes = Buffer.from(STANDARD_SEGMENT, 'ascii');
    expect(modbusCrc(bytes)).not.toBe(hj212Crc16(bytes));
  });

  it('changes when any single byte of the segment changes', () => {
    const bytes = Buffer.from(STANDARD_SEGMENT, 'ascii');
    const reference = hj212Crc16(bytes);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i]! + 1) & 0xff;
      expect(hj212Crc16(changed), `byte ${i}`).not.toBe(reference);
    }
  });

  it('starts from 0xFFFF and prints 4 upper-case hex digits', () => {
    expect(hj212Crc16(new Uint8Array())).toBe(0xffff);
    expect(formatCrc(0x00ab)).toBe('00AB');
  });
});
