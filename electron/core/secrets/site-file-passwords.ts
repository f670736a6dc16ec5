import type { ConfigProblem } from '../../common/site.js';
import type { SiteConfig } from '../config/site-schema.js';
import { secretNames, type SecretVault } from './secret-vault.js';

/**
 * Passwords written in the site file (how earlier versions took federation and panorama-device
 * passwords) are moved into the vault once — only when the vault has none, so one set later in
 * the console wins — and reported as site-file problems until removed from the file. Moved rather
 * than ignored: a site upgraded in place keeps working, and the problem says the plain-text copy
 * must go. Returns the problems to add.
 */
export function moveSiteFilePasswords(site: SiteConfig, file: string, vault: SecretVault): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const move = (name: string, password: string, field: string, where: string) => {
    if (!vault.has(name)) vault.set(name, password);
    problems.push({
      file,
      field,
      message: `a password in the site file is readable by anyone who can read the file: it was moved into the encrypted vault; remove it from the site file (an admin changes it in ${where})`,
    });
  };
  site.federation?.projects.forEach((project, i) => {
    if (project.password !== undefined) move(secretNames.federationPassword(project.id), project.password, `federation.projects.${i}.password`, 'the multi-site view');
  });
  site.panoramas?.devices.forEach((device, i) => {
    if (device.password !== undefined) move(secretNames.panoramaDevicePassword(device.id), device.password, `panoramas.devices.${i}.password`, 'the panoramas view');
  });
  return problems;
}
