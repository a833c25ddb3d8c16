import { ConfigError, loadConfig } from './config.js';
import { boot } from './boot.js';
import { demoAccounts } from './http/app.js';
import { DEMO_PASSWORD } from './seed/demo.js';
import { DataDirLockedError } from './db/lockfile.js';

async function main() {
  const config = loadConfig();
  const running = await boot(config);
  const address = await running.app.listen({ host: config.host, port: config.port });
  const url = config.publicUrl ?? address.replace('127.0.0.1', 'localhost');
  const db = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\ntierdesk is running at ${url}  (database: ${db})`);
  console.log(`API docs: ${url}/api/docs   OpenAPI: ${url}/api/openapi.json`);
  if (config.demo) {
    console.log(`Demo sign-in (password "${DEMO_PASSWORD}"):`);
    for (const a of demoAccounts) console.log(`  ${a.email.padEnd(28)} ${a.description}`);
  }
  console.log('');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`tierdesk: ${err.message}`);
  } else {
    console.error('tierdesk failed to start:', err);
  }
  process.exit(1);
});
