/**
 * The CRC16 of HJ 212-2017 (clause 6.3.2 and its appendix): computed over the data segment only,
 * never the `##`, the length or the trailer. It starts from 0xFFFF; each byte is folded into the
 * high byte's place (`crc = (crc >> 8) ^ byte`), then eight right shifts with 0xA001 (the reflected
 * 0x8005 polynomial) whenever a 1 falls out. Note the fold differs from CRC-16/MODBUS, which XORs
 * the byte into the low byte: a library MODBUS CRC gives different numbers.
 *
 * Checked against the standard's own example, CRC 1C80 (test/unit/sources/hj212/crc16.test.ts).
 */
export function hj212Crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc = (crc >> 8) ^ byte;
    for (let bit = 0; bit < 8; bit++) {
      const carry = crc & 1;
      crc >>= 1;
      if (carry) crc ^= 0xa001;
    }
  }
  return crc & 0xffff;
}

/** The CRC as it travels: 4 upper-case hex digits, as in the standard's examples (`1C80`). */
export function formatCrc(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
