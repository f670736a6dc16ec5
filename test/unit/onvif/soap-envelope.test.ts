import { describe, expect, it } from 'vitest';
import { bodyPayload, buildEnvelope, readEnvelope, readFault } from '../../../electron/core/onvif/soap-envelope.js';
import { OnvifError } from '../../../electron/core/onvif/onvif-error.js';
import { readProfiles, readStreamUri } from '../../../electron/core/onvif/onvif-readers.js';
import { pickStreams } from '../../../electron/core/onvif/stream-choice.js';

const S = 'http://www.w3.org/2003/05/soap-envelope';
const env = (body: string): string => `<e:Envelope xmlns:e="${S}" xmlns:ter="http://www.onvif.org/ver10/error"><e:Body>${body}</e:Body></e:Envelope>`;
const fault = (sub: string, reason: string): string =>
  env(`<e:Fault><e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>${sub}</e:Value></e:Subcode></e:Code><e:Reason><e:Text xml:lang="en">${reason}</e:Text></e:Reason></e:Fault>`);

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof OnvifError ? error.kind : `other:${String(error)}`;
  }
  return 'none';
}

describe('SOAP 1.2 envelopes', () => {
  it('builds a request that reads back with its body operation', () => {
    const xml = buildEnvelope('<tds:GetDeviceInformation/>');
    const { body } = readEnvelope(xml);
    expect(body.children[0]).toMatchObject({ local: 'GetDeviceInformation', ns: 'http://www.onvif.org/ver10/device/wsdl' });
  });

  it('reads faults with code, subcode and reason, and names them', () => {
    const { body } = readEnvelope(fault('ter:NotAuthorized', 'Sender not authorized'));
    expect(readFault(body)).toEqual({ codes: ['e:Sender', 'ter:NotAuthorized'], reason: 'Sender not authorized' });
    expect(kindOf(() => bodyPayload(body, 'GetProfilesResponse'))).toBe('not-authorized');
    expect(kindOf(() => bodyPayload(readEnvelope(fault('ter:ActionNotSupported', 'x')).body, 'X'))).toBe('unsupported');
    expect(kindOf(() => bodyPayload(readEnvelope(fault('ter:InvalidArgVal', 'x')).body, 'X'))).toBe('fault');
  });

  it.each([
    ['garbage', 'this is not xml <<<'],
    ['HTML error page', '<html><body>500</body></html>'],
    ['SOAP 1.1 envelope', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'],
    ['no body', `<e:Envelope xmlns:e="${S}"/>`],
    ['cut short', env('<trt:GetProfilesResponse xmlns:trt="urn:x">').slice(0, 60)],
  ])('calls %s a bad response', (_name, xml) => {
    expect(kindOf(() => readEnvelope(xml))).toBe('bad-response');
  });

  it('calls an unexpected operation in the body a bad response', () => {
    expect(kindOf(() => bodyPayload(readEnvelope(env('<x:Other xmlns:x="urn:x"/>')).body, 'GetProfilesResponse'))).toBe('bad-response');
  });

  it('reads profiles, chooses main and sub streams, and accepts only RTSP stream URIs', () => {
    const response = readEnvelope(
      env(
        `<trt:GetProfilesResponse xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">` +
          `<trt:Profiles token="sub"><tt:Name>Sub</tt:Name><tt:VideoEncoderConfiguration><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>640</tt:Width><tt:Height>360</tt:Height></tt:Resolution></tt:VideoEncoderConfiguration></trt:Profiles>` +
          `<trt:Profiles token="main"><tt:Name>Main</tt:Name><tt:VideoEncoderConfiguration><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl></tt:VideoEncoderConfiguration><tt:PTZConfiguration token="ptz"/></trt:Profiles>` +
          `</trt:GetProfilesResponse>`,
      ),
    ).body;
    const profiles = readProfiles(bodyPayload(response, 'GetProfilesResponse'));
    expect(profiles[1]).toEqual({ token: 'main', name: 'Main', encoding: 'H264', width: 1920, height: 1080, frameRate: 25, bitrate: 4096, ptz: true });
    const choice = pickStreams(profiles);
    expect(choice?.main.token).toBe('main');
    expect(choice?.sub?.token).toBe('sub');
    expect(pickStreams([profiles[1]!])?.sub).toBeUndefined();
    const uri = (u: string) => readEnvelope(env(`<r:GetStreamUriResponse xmlns:r="urn:r"><r:MediaUri><r:Uri>${u}</r:Uri></r:MediaUri></r:GetStreamUriResponse>`)).body.children[0]!;
    expect(readStreamUri(uri('rtsp://10.0.0.5/main'))).toBe('rtsp://10.0.0.5/main');
    expect(kindOf(() => readStreamUri(uri('file:///etc/passwd')))).toBe('bad-response');
  });
});
