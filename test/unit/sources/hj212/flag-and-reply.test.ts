import { describe, expect, it } from 'vitest';
import { parseDataSegment } from '../../../../electron/core/sources/hj212/data-segment.js';
import { formatFlag, parseFlag } from '../../../../electron/core/sources/hj212/flag.js';
import { dataReplySegment } from '../../../../electron/core/sources/hj212/replies.js';

describe('Flag', () => {
  it("reads the standard's example Flag=5 as version 2017, not split, reply wanted", () => {
    expect(parseFlag(5)).toEqual({ version: 1, split: false, replyWanted: true });
  });

  it('reads the other bits', () => {
    expect(parseFlag(4)).toEqual({ version: 1, split: false, replyWanted: false });
    expect(parseFlag(7)).toEqual({ version: 1, split: true, replyWanted: true });
    expect(parseFlag(1)).toEqual({ version: 0, split: false, replyWanted: true });
    expect(parseFlag(0)).toEqual({ version: 0, split: false, replyWanted: false });
  });

  it('writes back what it reads', () => {
    for (let flag = 0; flag < 256; flag++) expect(formatFlag(parseFlag(flag))).toBe(flag);
  });
});

describe('data reply (CN 9014)', () => {
  it("answers the standard's example upload with ST 91, Flag 4 and its QN, PW and MN", () => {
    const request = parseDataSegment('QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&');
    if (!request.ok) throw new Error(request.reason);
    expect(dataReplySegment(request.packet)).toBe('QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&');
  });
});
