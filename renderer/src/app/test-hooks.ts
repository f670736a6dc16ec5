/**
 * Whether this bundle is a test build. `scripts/build.mjs --test-hooks` (used by `npm test`, the
 * e2e set-up and `npm run bench`) sets SITE_COMMAND_TEST_HOOKS=1 and Vite's `define` turns this
 * into the literal `true`; every other build gets `false`, so the bundler drops the hooks and
 * what they import (the generated stress site) from the console operators run.
 */
declare const __SITE_COMMAND_TEST_HOOKS__: boolean | undefined;

export const TEST_HOOKS: boolean = typeof __SITE_COMMAND_TEST_HOOKS__ !== 'undefined' && __SITE_COMMAND_TEST_HOOKS__ === true;
