/**
 * SIMULATOR data: a small administrative-division dictionary (GB/T 2260 county-level codes) the
 * fake platform checks the first six digits of mainland ID numbers against. The real platform
 * holds the full dictionary; these are real codes, enough for the demo and test rosters. A test may hand the simulator a smaller one.
 */
export const REGION_CODES: ReadonlySet<string> = new Set([
  '110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119',
  '120101', '120102', '130102', '130104', '310101', '310104', '310105', '310106', '310107', '320102', '320104', '330102', '330106',
  '340102', '350102', '360102', '370102', '410102', '410105', '420102', '420103', '420106', '430102', '440103', '440104', '440106',
  '450102', '500101', '500103', '510104', '510105', '520102', '530102', '610102', '610103', '620102', '640104', '650102',
  // The demo roster's home counties (core/sim/demo-workforce.ts).
  '510122', '411323', '341222', '430521', '520221', '421123', '360731', '500228', '512021', '412726',
]);
