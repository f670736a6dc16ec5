import { formatDataSegment, type Hj212Packet } from './data-segment.js';
import { formatFlag, HJ212_2017_VERSION } from './flag.js';

/** HJ 212-2017 appendix B: system code for system interaction, and the data reply command. */
export const ST_SYSTEM_INTERACTION = '91';
export const CN_DATA_REPLY = '9014';

/**
 * The data reply (CN 9014) to an upload whose Flag asked for one (bit A). As in the standard's
 * example it echoes the request's QN, PW and MN, uses ST 91 and `Flag=4` (version 2017, no reply
 * wanted) and carries an empty CP. It is always written in the 2017 form, whatever version the
 * monitor's Flag claims: HJ/T 212-2005 replied differently (QN and CN inside CP).
 */
export function dataReplySegment(request: Hj212Packet): string {
  return formatDataSegment({
    ...(request.qn !== undefined ? { qn: request.qn } : {}),
    st: ST_SYSTEM_INTERACTION,
    cn: CN_DATA_REPLY,
    pw: request.pw ?? '',
    mn: request.mn ?? '',
    flag: formatFlag({ version: HJ212_2017_VERSION, split: false, replyWanted: false }),
  });
}
