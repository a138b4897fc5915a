export * from './access';
export * from './api-tokens';
export * from './connection';
export * from './document-log';
export * from './manuscripts';
export * from './members';
export * from './schema';
export * from './users';
