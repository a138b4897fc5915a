/**
 * Self-hoster's command line: `npm run cli -- <command> [--flag value]`.
 *   user:create --email E --name N        password from stdin (piped) or a hidden prompt
 *   user:reset-password --email E         same
 *   token:create --email E [--name N]     prints a personal API token
 *   manuscript:export ID --format F --out FILE [--as EMAIL] [--font modern|classic] [--paper letter|a4]
 *                     [--review | --submission] [--comments=open|all|none] [--changes=tracked|accepted|original]
 *   manuscript:import FILE --owner EMAIL
 *   manuscript:import-changes ID FILE [--as EMAIL]   an editor's marked-up DOCX onto the live manuscript
 *   backup --out FILE                     online copy of the SQLite database, verified
 *   restore FILE                          put a backup in place (stop Scriptorium first)
 */
import fs from 'node:fs';
import { ZodError } from 'zod';
import readline from 'node:readline';
import path from 'node:path';
import { importChangesAs } from '../lib/access/import-changes';
import { exportManuscriptAs, importManuscriptAs } from '../lib/access/operations';
import { reviewChoices } from '../lib/export/presets';
import { collabUrlForJobs } from '../lib/collab/live-room';
import { readEnv } from '../lib/config/env';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../lib/auth/password';
import { pickCaretColor } from '../lib/collab/identity';
import { openStorage, restoreBackup } from '../lib/storage/open';
import type { Storage } from '../lib/storage/storage';
import { displayName, email as emailSchema, exportQuery, password as passwordSchema } from '../lib/validation/inputs';

const USAGE = `usage: npm run cli -- <command> [options]
  user:create --email E --name N       create a writer (password read from stdin or prompted)
  user:reset-password --email E        set a new password (read from stdin or prompted)
  token:create --email E [--name N]    print a new personal API token for that writer
  manuscript:export ID --format docx|pdf|epub|md|html|txt --out FILE [--as EMAIL] [--font modern|classic] [--paper letter|a4]
                     [--review | --submission] [--comments=open|all|none] [--changes=tracked|accepted|original]
                                       export (as EMAIL's access; by default as the owner). DOCX only:
                                       --review carries the comment threads (resolved ones marked) and
                                       suggestions as tracked changes; --submission (the default) is clean
  manuscript:import FILE --owner EMAIL  create a manuscript owned by EMAIL from a .docx, .md, .html or .txt file
  manuscript:import-changes ID FILE [--as EMAIL]
                                       put an editor's Word/LibreOffice comments and tracked changes onto the manuscript
                                       as threads and suggestions (as EMAIL, an editor; by default as the owner; collab must be running)
  backup --out FILE                    copy the SQLite database while Scriptorium runs (PostgreSQL: use pg_dump)
  restore FILE                         put a backup in place of the database (stop Scriptorium first; the old file is kept)`;

/** Flags that take no value. */
const SWITCHES = new Set(['review', 'submission']);

/** Flags after the command (`--name value`, `--name=value` or a switch); at most two bare arguments (an id, a file), returned under "_" and "_2". */
function flags(args: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      const slot = !result.has('_') ? '_' : !result.has('_2') ? '_2' : null;
      if (!slot) throw new Error(`unexpected argument: ${arg}`);
      result.set(slot, arg);
      continue;
    }
    const equals = arg.indexOf('=');
    if (equals > 0) {
      result.set(arg.slice(2, equals), arg.slice(equals + 1));
      continue;
    }
    if (SWITCHES.has(arg.slice(2))) {
      result.set(arg.slice(2), 'yes');
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${arg}`);
    result.set(arg.slice(2), value);
    i++;
  }
  return result;
}

/** The secret `npm start` keeps in data/secret, which web and collab share (the CLI signs with it to join a room). */
function storedSecret(): string {
  const file = path.join(process.cwd(), 'data', 'secret');
  if (!fs.existsSync(file)) throw new Error('AUTH_SECRET is not set and data/secret does not exist: start Scriptorium once first');
  return fs.readFileSync(file, 'utf8').trim();
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
async function actorFor(storage: Storage, manuscriptId: string, email: string | undefined) {
  if (email) {
    const user = await storage.users.getByEmail(email);
    if (!user) throw new Error('no writer with that email');
    return user;
  }
  if (!(await storage.manuscripts.get(manuscriptId))) throw new Error('no such manuscript');
  const owner = (await storage.members.list(manuscriptId)).find((member) => member.role === 'owner');
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
    const { target, keptAs } = restoreBackup(process.env.DATABASE_URL ?? 'file:./data/scriptorium.db', required(options, '_'));
    console.log(`restored ${target}${keptAs ? ` (the previous file is kept as ${keptAs})` : ''}`);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL ?? 'file:./data/scriptorium.db';
  const storage = await openStorage(databaseUrl);
  try {
    switch (command) {
      case 'backup': {
        const out = required(options, 'out');
        const counts = await storage.backup(out);
        console.log(`backed up to ${out} (${counts.manuscripts} manuscripts, ${counts.users} writers; verified)`);
        return 0;
      }
      case 'user:create': {
        const email = emailSchema.parse(required(options, 'email'));
        const name = displayName.parse(required(options, 'name'));
        const user = await storage.users.create({ email, name, color: pickCaretColor(), passwordHash: await hashPassword(await newPassword()) });
        console.log(`created ${user.email} (${user.name})`);
        return 0;
      }
      case 'user:reset-password': {
        const user = await storage.users.getByEmail(required(options, 'email'));
        if (!user) throw new Error('no writer with that email');
        await storage.users.setPasswordHash(user.id, await hashPassword(await newPassword()));
        console.log(`password changed for ${user.email}`);
        return 0;
      }
      case 'token:create': {
        const user = await storage.users.getByEmail(required(options, 'email'));
        if (!user) throw new Error('no writer with that email');
        console.log((await storage.users.createApiToken(user.id, options.get('name') ?? 'CLI token')).token);
        return 0;
      }
      case 'manuscript:export': {
        const id = required(options, '_');
        if (options.has('review') && options.has('submission')) throw new Error('choose --review or --submission, not both');
        const preset = options.has('review') ? 'review' : options.has('submission') ? 'submission' : undefined;
        const query = exportQuery.parse({ format: required(options, 'format'), font: options.get('font'), paper: options.get('paper'), preset, comments: options.get('comments'), changes: options.get('changes') });
        const actor = await actorFor(storage, id, options.get('as'));
        const file = await exportManuscriptAs(storage, actor, id, { format: query.format, font: query.font, paper: query.paper, ...reviewChoices(query) });
        const out = required(options, 'out');
        fs.writeFileSync(out, file.bytes);
        console.log(`wrote ${out} (${file.bytes.byteLength} bytes)`);
        return 0;
      }
      case 'manuscript:import': {
        const file = required(options, '_');
        const owner = await storage.users.getByEmail(required(options, 'owner'));
        if (!owner) throw new Error('no writer with that email');
        const created = await importManuscriptAs(storage, owner, { name: file, bytes: new Uint8Array(fs.readFileSync(file)) });
        console.log(`imported "${created.title}" as ${created.id}`);
        if (created.review) console.log(created.review.message);
        return 0;
      }
      case 'manuscript:import-changes': {
        const id = required(options, '_');
        const file = options.get('_2');
        if (!file) throw new Error('give the .docx file after the manuscript id');
        const actor = await actorFor(storage, id, options.get('as'));
        const env = readEnv();
        const secret = env.AUTH_SECRET ?? storedSecret();
        const imported = await importChangesAs(storage, actor, id, { name: file, bytes: new Uint8Array(fs.readFileSync(file)) }, { collabUrl: collabUrlForJobs(env), secret });
        console.log(imported.message);
        return 0;
      }
      default:
        console.error(`unknown command: ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await storage.close();
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
