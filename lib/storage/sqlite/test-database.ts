import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './connection';

/** A real SQLite file in a fresh temp folder, for tests: `db` is open on it; `close` closes it and removes the folder. */
export function openTestSqlite(name = 'test.db') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scriptorium-db-'));
  const url = `file:${path.join(dir, name)}`;
  const test = {
    dir,
    url,
    db: openDatabase(url) as Db,
    /** Closes and opens the file again, as a restarted process would. */
    reopen(): Db {
      test.db.$client.close();
      return (test.db = openDatabase(url));
    },
    close() {
      if (test.db.$client.open) test.db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return test;
}

export type TestSqlite = ReturnType<typeof openTestSqlite>;
