import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/engine.js';
import { embeddedTemplate, migrateAll } from '../db/setup.js';
import { seedBase } from '../seed/base.js';
import { seedDemo } from '../seed/demo.js';
import { createAdmin } from './create-admin.js';

const usage = `tierdesk — support desk for cloud providers

  tierdesk migrate              apply database migrations (and the job queue schema)
  tierdesk seed [--demo]        insert reference data (lines, teams, plans, catalogue); --demo adds demo users
  tierdesk seed --missing       add the default catalogue services, forms, articles and macros a newer version ships
  tierdesk create-admin EMAIL   create an administrator; the password is read from standard input
  tierdesk rebuild-counters     recompute the maintained queue counters (after a bulk import past triggers)
  tierdesk start                run the server (same as npm start)
  tierdesk classify eval --data FILE.csv --text-col NAME --label-col NAME [--folds 5]
                                evaluate the request classifier with stratified k-fold cross-validation
  tierdesk classify train-default
                                retrain the shipped default model from data/classifier/
  tierdesk classify predict TEXT  suggest type, service, catalogue item, priority and line for a text
  tierdesk classify train [--activate auto|always|never]
                                train a new model version on the desk's history and store it in the database
  tierdesk classify models      list the stored model versions with their evaluation figures
  tierdesk classify rollback VERSION
                                make an earlier model version the active one

Settings come from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(usage);
    return 0;
  }
  if (cmd === 'classify') {
    const { classifyCli } = await import('./classify.js');
    return classifyCli(rest);
  }
  if (cmd === 'start') {
    await import('../main.js');
    return -1;
  }
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    template: () => embeddedTemplate(),
  });
  try {
    switch (cmd) {
      case 'migrate': {
        const applied = await migrateAll(database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
        return 0;
      }
      case 'seed': {
        await migrateAll(database);
        if (rest.includes('--missing')) {
          const { seedMissingDefaults } = await import('../seed/missing.js');
          const added = await seedMissingDefaults(database.db);
          console.log(`added ${added.catalogueItems} catalogue items, ${added.forms} forms, ${added.articles} articles, ${added.macros} macros`);
          return 0;
        }
        const demo = rest.includes('--demo');
        const inserted = demo ? await seedDemo(database.db) : await seedBase(database.db);
        console.log(inserted ? `seeded ${demo ? 'demo' : 'reference'} data` : 'already seeded; nothing to do');
        return 0;
      }
      case 'create-admin': {
        const email = rest[0];
        if (!email) throw new Error('usage: tierdesk create-admin EMAIL < password');
        await createAdmin(database.db, email);
        console.log(`administrator ${email} created`);
        return 0;
      }
      case 'rebuild-counters': {
        const { rebuildQueueCounters } = await import('../modules/lines/index.js');
        await rebuildQueueCounters(database.db);
        console.log('queue counters rebuilt');
        return 0;
      }
      default:
        console.error(`unknown command: ${cmd}\n\n${usage}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`tierdesk: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
