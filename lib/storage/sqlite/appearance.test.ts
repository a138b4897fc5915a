import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appearanceFromStored, DEFAULT_APPEARANCE } from '../../appearance/appearance';
import { getAppearance, setAppearance } from './appearance';
import type { Db } from './connection';
import { openTestSqlite, type TestSqlite } from './test-database';
import { writerAppearance } from './schema';
import { createUser } from './users';

let test: TestSqlite;
let db: Db;
beforeEach(() => ({ db } = test = openTestSqlite()));
afterEach(() => test.close());

const writer = () => createUser(db, { email: `w${Math.random()}@example.test`, name: 'Writer', color: '#112233', passwordHash: null }).id;

describe('writer appearance', () => {
  it('is the defaults until chosen, then what was chosen, per writer', () => {
    const ada = writer();
    const ben = writer();
    expect(appearanceFromStored(getAppearance(db, ada))).toEqual(DEFAULT_APPEARANCE);
    setAppearance(db, ada, { ...DEFAULT_APPEARANCE, theme: 'dark', size: 'large' });
    setAppearance(db, ada, { ...DEFAULT_APPEARANCE, theme: 'dark', size: 'larger', typewriter: true });
    expect(appearanceFromStored(getAppearance(db, ada))).toEqual({ ...DEFAULT_APPEARANCE, theme: 'dark', size: 'larger', typewriter: true });
    expect(appearanceFromStored(getAppearance(db, ben))).toEqual(DEFAULT_APPEARANCE);
  });

  it('reads a damaged or older row as the defaults for what it lacks', () => {
    const ada = writer();
    db.insert(writerAppearance).values({ userId: ada, settings: '{"theme":"dark","font":"gothic"}' }).run();
    expect(appearanceFromStored(getAppearance(db, ada))).toEqual({ ...DEFAULT_APPEARANCE, theme: 'dark' });
    db.update(writerAppearance).set({ settings: 'not json' }).run();
    expect(appearanceFromStored(getAppearance(db, ada))).toEqual(DEFAULT_APPEARANCE);
  });
});
