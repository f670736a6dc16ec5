// Bundled by bench/supervision.bench.mjs (esbuild) so the bench starts the same NATS cluster,
// PostgreSQL and simulated sites as the integration tests: one definition of each.
export { NatsCluster } from './nats-cluster.js';
export { PostgresServer } from './postgres.js';
export { SimUplinkSite, simSummary } from './sim-uplink-site.js';
export { natsAuthorization, registerSites } from '../../electron/supervision/site-registration.js';
export { migratePg } from '../../electron/supervision/pg-migrations.js';
