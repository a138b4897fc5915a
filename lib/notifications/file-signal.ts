import fs from 'node:fs';
import type { InboxSignal } from './signal';

/** How often a process looks at the file: one stat, no query. */
const CHECK_MS = 250;
/** Past this size the next publisher empties the file; readers then re-check everyone once. */
const MAX_BYTES = 64 * 1024;

/**
 * The inbox signal on one host without Redis: publishers append a line of writer ids to `file`,
 * readers read what was appended since they last looked. Each line is one small append, which the
 * kernel writes whole, so concurrent publishers never interleave within a line.
 */
export function createFileSignal(file: string): InboxSignal {
  const timers = new Set<ReturnType<typeof setInterval>>();
  return {
    publish(userIds) {
      if (userIds.length === 0) return;
      fs.stat(file, (_error, stat) => {
        if (stat && stat.size > MAX_BYTES) {
          try {
            fs.truncateSync(file, 0);
          } catch {
            /* another publisher emptied it */
          }
        }
        // A folder that is missing (a test without a data folder) means nobody listens here.
        fs.appendFile(file, `${JSON.stringify([...new Set(userIds)])}\n`, () => {});
      });
    },
    subscribe(onChange) {
      let offset = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      let partial = '';
      let reading = false;
      const check = () => {
        if (reading) return;
        const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
        if (size === offset) return;
        if (size < offset) {
          // Emptied by a publisher: whatever was appended before is unknown, so everyone re-checks.
          offset = 0;
          partial = '';
          onChange('all');
          if (size === 0) return;
        }
        reading = true;
        const from = offset;
        offset = size;
        fs.open(file, 'r', (openError, fd) => {
          if (openError) return void (reading = false);
          const buffer = Buffer.alloc(size - from);
          fs.read(fd, buffer, 0, buffer.length, from, (readError, bytesRead) => {
            fs.close(fd, () => {});
            reading = false;
            if (readError) return onChange('all');
            const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            const changed = new Set<string>();
            for (const line of lines) {
              try {
                for (const id of JSON.parse(line) as unknown[]) if (typeof id === 'string') changed.add(id);
              } catch {
                return onChange('all');
              }
            }
            if (changed.size > 0) onChange([...changed]);
          });
        });
      };
      const timer = setInterval(check, CHECK_MS);
      timer.unref();
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
    },
  };
}
