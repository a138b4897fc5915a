/**
 * Self-hoster's command line: `npm run cli -- <command> [--flag value]`.
 *   user:create --email E --name N        password from stdin (piped) or a hidden prompt
 *   user:reset-password --email E         same
 *   token:create --email E [--name N]     prints a personal API token
 *   manuscript:export ID --format F --out FILE [--as EMAIL] [--font modern|classic] [--paper letter|a4]
 *   manuscript:import FILE --owner EMAIL
 *   backup --out FILE                     online copy of the SQLite database, verified
 *   restore FILE                          put a backup in place (stop Scriptorium first)
 */
import fs from 'node:fs';
import { ZodError } from 'zod';
import readline from 'node:readline';
import { exportManuscriptAs, importManuscriptAs } from '../lib/access/operations';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../lib/auth/password';
import { pickCaretColor } from '../lib/collab/identity';
import { backupDatabase, restoreDatabase } from '../lib/db/backup';
import { sqlitePathFromUrl } from '../lib/db/connection';
import { createApiToken, createUser, getManuscript, getUserByEmail, listMembers, openDatabase, setPasswordHash, type Db } from '../lib/db';
import { displayName, email as emailSchema, exportQuery, password as passwordSchema } from '../lib/validation/inputs';

const USAGE = `usage: npm run cli -- <command> [options]
  user:create --email E --name N       create a writer (password read from stdin or prompted)
  user:reset-password --email E        set a new password (read from stdin or prompted)
  token:create --email E [--name N]    print a new personal API token for that writer
  manuscript:export ID --format docx|md|html|txt --out FILE [--as EMAIL] [--font modern|classic] [--paper letter|a4]
                                       export (as EMAIL's access; by default as the owner)
  manuscript:import FILE --owner EMAIL  create a manuscript owned by EMAIL from a .docx, .md, .html or .txt file
  backup --out FILE                    copy the SQLite database while Scriptorium runs (PostgreSQL: use pg_dump)
  restore FILE                         put a backup in place of the database (stop Scriptorium first; the old file is kept)`;

/** Flags after the command; at most one bare argument (an id or a file), returned under "_". */
function flags(args: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      if (result.has('_')) throw new Error(`unexpected argument: ${arg}`);
      result.set('_', arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${arg}`);
    result.set(arg.slice(2), value);
    i++;
  }
  return result;
}

function required(options: Map<string, string>, name: string): string {
  const value = options.get(name);
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

/** Reads a password: the first line of piped stdin, or a prompt that does not echo. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function newPassword(): Promise<string> {
  const parsed = passwordSchema.safeParse(await readPassword(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `));
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid password');
  return parsed.data;
}

/** Who the CLI acts as: the named writer (their access is checked), or the manuscript's owner. */
function actorFor(db: Db, manuscriptId: string, email: string | undefined) {
  if (email) {
    const user = getUserByEmail(db, email);
    if (!user) throw new Error('no writer with that email');
    return user;
  }
  if (!getManuscript(db, manuscriptId)) throw new Error('no such manuscript');
  const owner = listMembers(db, manuscriptId).find((member) => member.role === 'owner');
  if (!owner) throw new Error('that manuscript has no owner');
  return { id: owner.userId, name: owner.name, color: owner.color };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const options = flags(rest);
  if (command === 'restore') {
    // Before the database is opened: the file is about to be replaced.
    const target = sqlitePathFromUrl(process.env.DATABASE_URL ?? 'file:./data/scriptorium.db');
    const { keptAs } = restoreDatabase(required(options, '_'), target);
    console.log(`restored ${target}${keptAs ? ` (the previous file is kept as ${keptAs})` : ''}`);
    return 0;
  }
  const db = openDatabase(process.env.DATABASE_URL);
  try {
    switch (command) {
      case 'user:create': {
        const email = emailSchema.parse(required(options, 'email'));
        const name = displayName.parse(required(options, 'name'));
        const user = createUser(db, { email, name, color: pickCaretColor(), passwordHash: await hashPassword(await newPassword()) });
        console.log(`created ${user.email} (${user.name})`);
        return 0;
      }
      case 'user:reset-password': {
        const user = getUserByEmail(db, required(options, 'email'));
        if (!user) throw new Error('no writer with that email');
        setPasswordHash(db, user.id, await hashPassword(await newPassword()));
        console.log(`password changed for ${user.email}`);
        return 0;
      }
      case 'token:create': {
        const user = getUserByEmail(db, required(options, 'email'));
        if (!user) throw new Error('no writer with that email');
        console.log(createApiToken(db, user.id, options.get('name') ?? 'CLI token').token);
        return 0;
      }
      case 'manuscript:export': {
        const id = required(options, '_');
        const query = exportQuery.parse({ format: required(options, 'format'), font: options.get('font'), paper: options.get('paper') });
        const actor = actorFor(db, id, options.get('as'));
        const file = await exportManuscriptAs(db, actor, id, { format: query.format, font: query.font, paper: query.paper });
        const out = required(options, 'out');
        fs.writeFileSync(out, file.bytes);
        console.log(`wrote ${out} (${file.bytes.byteLength} bytes)`);
        return 0;
      }
      case 'manuscript:import': {
        const file = required(options, '_');
        const owner = getUserByEmail(db, required(options, 'owner'));
        if (!owner) throw new Error('no writer with that email');
        const created = await importManuscriptAs(db, owner, { name: file, bytes: new Uint8Array(fs.readFileSync(file)) });
        console.log(`imported "${created.title}" as ${created.id}`);
        return 0;
      }
      case 'backup': {
        const out = required(options, 'out');
        const counts = await backupDatabase(db, out);
        console.log(`backed up to ${out} (${counts.manuscripts} manuscripts, ${counts.users} writers; verified)`);
        return 0;
      }
      default:
        console.error(`unknown command: ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ZodError ? error.issues.map((issue) => issue.message).join(' ') : error instanceof Error ? error.message : String(error);
    console.error(`error: ${message}`);
    process.exit(1);
  },
);
