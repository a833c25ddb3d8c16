import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashPassword } from '../modules/identity/passwords.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export async function createAdmin(db: Kysely<DB>, email: string): Promise<void> {
  const password = await readStdin();
  if (password.length < 12) throw new Error('the password must be at least 12 characters (read from standard input)');
  await db
    .insertInto('users')
    .values({ email, name: email.split('@')[0] ?? email, kind: 'staff', staff_role: 'admin', password_hash: await hashPassword(password), locale: 'en' })
    .execute();
}
