import type { ChildProcess } from 'node:child_process';
import { createDeathCounter, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';

/** One process `npm start` keeps up. */
export interface ChildSpec {
  name: string;
  /** Starts the process (again); called once at first and after every death. */
  start: () => ChildProcess;
}

export interface SupervisorOptions {
  policy?: RestartPolicy;
  /** After a stop signal, children still running after this long are killed (SIGKILL). */
  stopDeadlineMs: number;
  log: (line: string) => void;
  now?: () => number;
}

export interface Supervisor {
  /** Resolves with the exit code the supervisor should end with: 0 after a stop, 1 after giving up on a crash loop. */
  readonly finished: Promise<number>;
  /** Sends `signal` to every child, waits for them (at most the stop deadline) and resolves `finished` with 0. */
  stop(signal: NodeJS.Signals): Promise<number>;
  /** The process currently running under `name`, if any. */
  current(name: string): ChildProcess | null;
}

interface Entry {
  spec: ChildSpec;
  child: ChildProcess | null;
  restart?: ReturnType<typeof setTimeout>;
  deaths: ReturnType<typeof createDeathCounter>;
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `was killed by ${signal}` : `exited with code ${code}`);

/**
 * Runs children and keeps them up: a child that dies is started again after a backoff, with a log
 * line naming its exit code or signal; a child that keeps dying stops everything with exit code 1,
 * so a service manager (systemd, Docker, Kubernetes) sees the failure and acts.
 */
export function supervise(specs: ChildSpec[], options: SupervisorOptions): Supervisor {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const entries = specs.map((spec): Entry => ({ spec, child: null, deaths: createDeathCounter(policy) }));
  let stopping: { code: number } | null = null;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));

  const finishIfAllExited = () => {
    if (stopping && entries.every((entry) => entry.child === null)) finish(stopping.code);
  };

  const launch = (entry: Entry) => {
    entry.restart = undefined;
    const child = entry.spec.start();
    entry.child = child;
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      entry.child = null;
      if (stopping) return finishIfAllExited();
      const outcome = entry.deaths.died(now());
      const what = error ? `could not start (${error.message})` : describeExit(code, signal);
      if (outcome.action === 'give-up') {
        options.log(`${entry.spec.name} ${what}; it died ${outcome.deaths} times within ${policy.windowMs / 1000} s, so everything stops (exit code 1)`);
        void halt('SIGTERM', 1);
        return;
      }
      options.log(`${entry.spec.name} ${what}; restarting it in ${outcome.delayMs / 1000} s (death ${outcome.deaths} of ${policy.maxDeaths} allowed within ${policy.windowMs / 1000} s)`);
      entry.restart = setTimeout(() => launch(entry), outcome.delayMs);
    };
    child.once('exit', (code, signal) => onEnd(code, signal));
    child.once('error', (error) => onEnd(null, null, error));
  };

  const halt = (signal: NodeJS.Signals, code: number): Promise<number> => {
    if (stopping) return finished;
    stopping = { code };
    for (const entry of entries) {
      clearTimeout(entry.restart);
      entry.child?.kill(signal);
    }
    const deadline = setTimeout(() => {
      for (const entry of entries) {
        if (!entry.child) continue;
        options.log(`${entry.spec.name} did not stop within ${options.stopDeadlineMs / 1000} s; killing it`);
        entry.child.kill('SIGKILL');
      }
    }, options.stopDeadlineMs);
    deadline.unref();
    void finished.then(() => clearTimeout(deadline));
    finishIfAllExited();
    return finished;
  };

  for (const entry of entries) launch(entry);
  return {
    finished,
    stop: (signal) => halt(signal, 0),
    current: (name) => entries.find((entry) => entry.spec.name === name)?.child ?? null,
  };
}
