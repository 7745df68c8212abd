import type { Migration } from './migration';

/**
 * Placeholder for version 6, which issue #14's upstream re-check owns on its own branch. The
 * runner needs versions 1..n without a gap; when that branch merges, its 0006 replaces this file.
 */
export const migration: Migration = {
  version: 6,
  up() {},
};
