import { NS } from './onvif-namespaces.js';
import { OnvifError } from './onvif-error.js';
import { child, childrenNamed, textAt } from './xml-query.js';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml-parser.js';

/**
 * SOAP 1.2 envelopes (W3C SOAP 1.2 Part 1 §5): building requests and reading answers, faults
 * included (§5.4). ONVIF Core §5.11 puts the reason of a failure in the fault's Subcode
 * (ter:NotAuthorized, ter:ActionNotSupported, ter:InvalidArgVal …).
 */

/** The namespaces every request declares on its envelope, so bodies can use the usual prefixes. */
const ENVELOPE_NAMESPACES =
  `xmlns:s="${NS.soap}" xmlns:tds="${NS.device}" xmlns:trt="${NS.media}" ` + `xmlns:tptz="${NS.ptz}" xmlns:tt="${NS.schema}"`;

/** A request envelope: optional header blocks, then the body's XML (already escaped by its builder). */
export function buildEnvelope(body: string, headerBlocks: readonly string[] = []): string {
  const header = headerBlocks.length ? `<s:Header>${headerBlocks.join('')}</s:Header>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${ENVELOPE_NAMESPACES}>${header}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** A SOAP 1.2 fault as read from an answer. */
export interface SoapFault {
  /** Code/Value then each nested Subcode/Value, as written (`s:Sender`, `ter:NotAuthorized`). */
  codes: string[];
  reason: string;
}

/** The envelope's header (if any) and its body element; throws OnvifError('bad-response') otherwise. */
export function readEnvelope(xml: string): { header: XmlElement | undefined; body: XmlElement } {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new OnvifError('bad-response', `The device's answer is not XML: ${error.reason}.`);
    throw error;
  }
  if (root.local !== 'Envelope' || root.ns !== NS.soap) {
    throw new OnvifError('bad-response', `The device answered <${root.local}> instead of a SOAP 1.2 envelope.`);
  }
  const body = child(root, 'Body', NS.soap);
  if (!body) throw new OnvifError('bad-response', 'The device answered a SOAP envelope without a body.');
  return { header: child(root, 'Header', NS.soap), body };
}

/** The fault in `body`, if the body is one. */
export function readFault(body: XmlElement): SoapFault | undefined {
  const fault = child(body, 'Fault', NS.soap);
  if (!fault) return undefined;
  const codes: string[] = [];
  let code = child(fault, 'Code', NS.soap);
  for (let depth = 0; code && depth < 8; depth++) {
    const value = textAt(code, 'Value');
    if (value) codes.push(value);
    code = child(code, 'Subcode', NS.soap);
  }
  const texts = childrenNamed(child(fault, 'Reason', NS.soap), 'Text').map((t) => t.text.trim()).filter(Boolean);
  return { codes, reason: texts[0] ?? '' };
}

/** Local part of a QName's text (`ter:NotAuthorized` → `NotAuthorized`). */
export function localCode(code: string): string {
  const colon = code.lastIndexOf(':');
  return colon < 0 ? code : code.slice(colon + 1);
}

/** Turns a fault into the OnvifError an operator reads. */
export function faultError(fault: SoapFault): OnvifError {
  const locals = fault.codes.map(localCode);
  const reason = fault.reason ? ` (${fault.reason.slice(0, 200)})` : '';
  if (locals.includes('NotAuthorized') || locals.includes('FailedAuthentication')) {
    return new OnvifError('not-authorized', `The camera refused the user name or password${reason}. Check the credentials.`, fault.codes);
  }
  if (locals.includes('ActionNotSupported') || locals.includes('NoPTZProfile') || locals.includes('NotSupported')) {
    return new OnvifError('unsupported', `The camera does not support this request${reason}.`, fault.codes);
  }
  return new OnvifError('fault', `The camera answered with a fault ${fault.codes.join(' / ') || '(no code)'}${reason}.`, fault.codes);
}

/** The single operation element inside a body that is not a fault; throws the fault as OnvifError. */
export function bodyPayload(body: XmlElement, expected: string): XmlElement {
  const fault = readFault(body);
  if (fault) throw faultError(fault);
  const payload = body.children.find((c) => c.local === expected);
  if (!payload) {
    const got = body.children[0]?.local;
    throw new OnvifError('bad-response', `The camera answered ${got ? `<${got}>` : 'an empty body'} where <${expected}> was expected.`);
  }
  return payload;
}
