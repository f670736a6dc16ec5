/**
 * The Flag field of HJ 212-2017 (clause 6.3.3, table 5): one byte written in decimal, bits
 * `V5 V4 V3 V2 V1 V0 D A` from most to least significant.
 * - A (bit 0): 1 when the sender wants a reply to this command.
 * - D (bit 1): 1 when the message was split and PNUM/PNO are present.
 * - V5…V0 (bits 2–7): protocol version, 000000 for HJ/T 212-2005, 000001 for HJ 212-2017.
 *
 * The standard's own example `Flag=5` (0b101) therefore reads: version 1 (2017), not split, reply
 * wanted; and its data reply carries `Flag=4` (version 1, no reply wanted).
 */
export interface Hj212Flag {
  /** 0 for HJ/T 212-2005, 1 for HJ 212-2017. */
  version: number;
  /** PNUM/PNO present (bit D). */
  split: boolean;
  /** The sender wants a reply (bit A). */
  replyWanted: boolean;
}

export const FLAG_REPLY_WANTED = 0b01;
export const FLAG_SPLIT = 0b10;
export const HJ212_2017_VERSION = 1;

export function parseFlag(flag: number): Hj212Flag {
  return { version: (flag >> 2) & 0b111111, split: (flag & FLAG_SPLIT) !== 0, replyWanted: (flag & FLAG_REPLY_WANTED) !== 0 };
}

export function formatFlag(flag: Hj212Flag): number {
  return ((flag.version & 0b111111) << 2) | (flag.split ? FLAG_SPLIT : 0) | (flag.replyWanted ? FLAG_REPLY_WANTED : 0);
}
