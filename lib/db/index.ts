export * from './connection';
export * from './document-log';
export * from './manuscripts';
export * from './schema';
