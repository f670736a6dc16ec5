import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigProblem } from '../../common/site.js';
import { siteSchema, type SiteConfig } from './site-schema.js';

export const SITE_FILE_NAME = 'site.json';

export interface LoadedSite {
  site: SiteConfig;
  file: string;
  /** Empty when the file is valid. When not, `site` is an empty placeholder so the console still starts. */
  problems: ConfigProblem[];
}

/** Site used while the real one is broken: the console runs, shows the problems, and waits for a fix. */
export function placeholderSite(): SiteConfig {
  return { id: 'unconfigured', name: 'Unconfigured site', timeZone: 'Asia/Shanghai', devices: [], cameras: [], model: { buildings: [], zones: [] }, alarms: { dustPreset: 'gb3095-grade2', craneSafetyDistanceM: 2 } };
}

export function loadSiteDirectory(siteDir: string): LoadedSite {
  return loadSiteFile(join(siteDir, SITE_FILE_NAME));
}

export function loadSiteFile(file: string): LoadedSite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return broken(file, [{ file, field: '(file)', message: `cannot read the site file: ${describeFsError(error)}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return broken(file, [{ file, field: '(syntax)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = siteSchema.safeParse(json);
  if (!parsed.success) {
    return broken(
      file,
      parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.length ? issue.path.join('.') : '(root)',
        message: issue.message,
      })),
    );
  }
  return { site: parsed.data, file, problems: [] };
}

/** One line per problem, naming the file, the field and what was expected. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n');
}

function broken(file: string, problems: ConfigProblem[]): LoadedSite {
  return { site: placeholderSite(), file, problems };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, expected a file';
  return (error as Error).message;
}
