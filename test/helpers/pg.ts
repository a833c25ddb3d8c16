import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Changes whenever a migration changes, so a stale template is never reused. */
export function templateDatabaseName(): string {
  const dir = path.resolve('src/db/migrations');
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  h.update(fs.readFileSync(path.resolve('src/db/migrate.ts')));
  const boss = JSON.parse(fs.readFileSync(path.resolve('node_modules/pg-boss/package.json'), 'utf8')) as { version: string };
  h.update(boss.version);
  return `tierdesk_tpl_${h.digest('hex').slice(0, 12)}`;
}
