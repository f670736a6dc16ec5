/**
 * Namespace URIs of the messages we exchange, as the specifications define them: SOAP 1.2
 * (W3C), WS-Security 1.0 and its UsernameToken Profile 1.0 (OASIS), WS-Addressing 2004/08 and
 * WS-Discovery 2005/04 (the versions ONVIF Core §7.3 names), and the ONVIF service WSDLs.
 */
export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  wsd: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  /** ONVIF device management service (tds). */
  device: 'http://www.onvif.org/ver10/device/wsdl',
  /** ONVIF media service, version 1 (trt). */
  media: 'http://www.onvif.org/ver10/media/wsdl',
  /** ONVIF PTZ service (tptz). */
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  /** ONVIF common schema (tt). */
  schema: 'http://www.onvif.org/ver10/schema',
  /** ONVIF network WSDL: the NetworkVideoTransmitter discovery type (dn). */
  network: 'http://www.onvif.org/ver10/network/wsdl',
  /** ONVIF fault subcodes (ter), ONVIF Core §5.11. */
  error: 'http://www.onvif.org/ver10/error',
} as const;

/** UsernameToken Profile 1.0 §4.1 / SOAP Message Security 1.0 §3.1: the attribute values ONVIF Core §5.12.2 requires. */
export const WSSE_PASSWORD_DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
export const WSSE_BASE64 = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** The SOAP action URI of an operation: the service namespace followed by `/` and the operation name (ONVIF WSDLs). */
export function soapAction(serviceNs: string, operation: string): string {
  return `${serviceNs}/${operation}`;
}
