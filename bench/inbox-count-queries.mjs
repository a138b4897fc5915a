// Preloaded into the web process by bench/inbox.ts: counts every SQLite statement it runs (better-sqlite3
// is never bundled by Next). Each thread and process that loads it writes its own count to
// BENCH_QUERY_COUNT_FILE.<pid>.<thread> four times a second; the bench adds them up.
import fs from 'node:fs';
import { threadId } from 'node:worker_threads';
import Database from 'better-sqlite3';

const file = `${process.env.BENCH_QUERY_COUNT_FILE}.${process.pid}.${threadId}`;
const probe = new Database(':memory:');
const Statement = probe.prepare('SELECT 1').constructor;
probe.close();
let count = 0;
for (const method of ['run', 'get', 'all', 'iterate']) {
  const original = Statement.prototype[method];
  Statement.prototype[method] = function counted(...args) {
    count += 1;
    return original.apply(this, args);
  };
}
// Written aside and renamed, so the bench never reads half a number.
setInterval(() => {
  fs.writeFileSync(`${file}.tmp`, String(count));
  fs.renameSync(`${file}.tmp`, file);
}, 250).unref();
