/**
 * The platform credentials in the secrets vault (set by admins through the API; never in the site
 * file, never answered back in full): the platform URL, app id, app secret and project code the
 * housing and construction authority issues to the project.
 */
import type { SecretVault } from '../secrets/secret-vault.js';
import type { PlatformCredentials } from './platform-client.js';

export const REALNAME_SECRET_NAMES = {
  platformUrl: 'realname-platform/url',
  appId: 'realname-platform/app-id',
  appSecret: 'realname-platform/app-secret',
  projectCode: 'realname-platform/project-code',
} as const;

export interface CredentialFacts {
  platformUrl: string | null;
  appId: string | null;
  projectCode: string | null;
  secretSet: boolean;
}

export class RealnameCredentials {
  constructor(private readonly vault: Pick<SecretVault, 'get' | 'set'>) {}

  /** All four, or null while any is missing. */
  get(): PlatformCredentials | null {
    const n = REALNAME_SECRET_NAMES;
    const [platformUrl, appId, appSecret, projectCode] = [n.platformUrl, n.appId, n.appSecret, n.projectCode].map((k) => this.vault.get(k));
    return platformUrl && appId && appSecret && projectCode ? { platformUrl, appId, appSecret, projectCode } : null;
  }

  facts(): CredentialFacts {
    const n = REALNAME_SECRET_NAMES;
    return { platformUrl: this.vault.get(n.platformUrl), appId: this.vault.get(n.appId), projectCode: this.vault.get(n.projectCode), secretSet: this.vault.get(n.appSecret) !== null };
  }

  set(c: { platformUrl: string; appId: string; appSecret?: string; projectCode: string }): void {
    const n = REALNAME_SECRET_NAMES;
    this.vault.set(n.platformUrl, c.platformUrl);
    this.vault.set(n.appId, c.appId);
    this.vault.set(n.projectCode, c.projectCode);
    if (c.appSecret !== undefined) this.vault.set(n.appSecret, c.appSecret);
  }
}
