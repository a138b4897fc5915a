import pino from 'pino';

/** Ids a log line is about, as fields an operator can filter on; never document text. */
export interface LogFields {
  manuscriptId?: string;
  userId?: string;
  instanceId?: string;
  /** A WebSocket close code. */
  code?: number;
  level?: 'info' | 'warn' | 'error';
}

/** How every part of the collab server reports: a line for people, fields for machines. */
export type Log = (line: string, fields?: LogFields) => void;

/** Structured JSON lines on stdout (pino), one per event, with the process's own fields on each. */
export function createJsonLog(base: Record<string, string>, destination?: pino.DestinationStream): Log {
  const options = { base: { service: 'collab', pid: process.pid, ...base }, timestamp: pino.stdTimeFunctions.isoTime };
  const logger = destination ? pino(options, destination) : pino(options);
  return (line, fields = {}) => {
    const { level = 'info', ...ids } = fields;
    logger[level](ids, line);
  };
}
