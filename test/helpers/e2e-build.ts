/**
 * Vitest global set-up of the e2e project: makes sure the built console is a test build (with
 * the hooks the tests drive, e.g. `window.__site3d`), so `npx vitest run --project e2e` works after
 * a plain `npm run build` too. Does nothing when the test build is current.
 */
export default async function setup(): Promise<void> {
  // @ts-expect-error scripts/build.mjs is plain JavaScript without type declarations.
  const { build } = (await import('../../scripts/build.mjs')) as { build: (o: { testHooks: boolean; quiet: boolean }) => boolean };
  build({ testHooks: true, quiet: true });
}
