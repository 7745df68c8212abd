import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside the runner's transaction, with `user_version` set after it. */
export interface Migration {
  version: number;
  up(db: Database.Database): void;
}
