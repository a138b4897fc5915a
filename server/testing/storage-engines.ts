// The storage engines server tests run on live with the storage layer; this keeps their old address.
export { openMemoryEngine, openPostgresEngine, openSqliteEngine, TEST_POSTGRES_URL, type TestEngine } from '../../lib/storage/testing/engines';
