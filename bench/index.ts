import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `npm run bench -- <name>`: runs bench/<name>.ts, whose exported run() prints its figures. */
const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const name = process.argv[2];
if (!name || !available.includes(name)) {
  if (name) console.error(`unknown benchmark '${name}'`);
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(name ? 1 : 0);
}

const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { run?: () => Promise<void> };
if (typeof mod.run !== 'function') {
  console.error(`bench/${name}.ts exports no run()`);
  process.exit(1);
}
try {
  await mod.run();
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
