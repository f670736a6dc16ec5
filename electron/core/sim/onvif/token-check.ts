import { timingSafeEqual } from 'node:crypto';
import { NS, WSSE_PASSWORD_DIGEST } from '../../onvif/onvif-namespaces.js';
import { passwordDigest } from '../../onvif/ws-security.js';
import type { XmlElement } from '../../onvif/xml-parser.js';
import { child, path, textAt } from '../../onvif/xml-query.js';

/** Largest clock difference accepted between Created and the device's clock (UsernameToken Profile 1.0 §4 leaves it to the receiver; 5 min is common). */
const MAX_SKEW_MS = 5 * 60_000;

/**
 * Checks a request's WS-Security UsernameToken as a device does (ONVIF Core §5.12.2, UsernameToken
 * Profile 1.0 §3.1): user name, PasswordDigest over the nonce, Created and the password, Created
 * within the allowed skew, and each nonce used once (a replayed token is refused).
 */
export class UsernameTokenCheck {
  private readonly seenNonces = new Set<string>();

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly deviceNow: () => number,
  ) {}

  /** Undefined when the header authenticates the user; otherwise why not. */
  refuse(header: XmlElement | undefined): string | undefined {
    const token = path(child(header, 'Security', NS.wsse), 'UsernameToken');
    if (!token) return 'no WS-Security UsernameToken';
    const user = textAt(token, 'Username');
    const passwordEl = child(token, 'Password');
    const nonceText = textAt(token, 'Nonce');
    const created = textAt(token, 'Created');
    if (user !== this.username) return 'unknown user';
    if (!passwordEl || passwordEl.attributes.Type !== WSSE_PASSWORD_DIGEST) return 'password is not a PasswordDigest';
    if (!nonceText || !created) return 'token lacks Nonce or Created';
    const createdMs = Date.parse(created);
    if (!Number.isFinite(createdMs) || Math.abs(createdMs - this.deviceNow()) > MAX_SKEW_MS) return 'Created is not within 5 minutes of the device clock';
    const nonce = Buffer.from(nonceText, 'base64');
    const expected = Buffer.from(passwordDigest(nonce, created, this.password));
    const given = Buffer.from(passwordEl.text.trim());
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong password digest';
    if (this.seenNonces.has(nonceText)) return 'nonce already used';
    if (this.seenNonces.size >= 10_000) this.seenNonces.clear();
    this.seenNonces.add(nonceText);
    return undefined;
  }
}
