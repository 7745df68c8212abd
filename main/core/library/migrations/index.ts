import { migration as initial } from './0001-initial';
import { migration as search } from './0002-search';
import { migration as playbackSettings } from './0003-playback-settings';
import { migration as rawApart } from './0004-raw-apart';
import { migration as searchText } from './0005-search-text';
import { migration as upstream } from './0006-upstream';
import { migration as storage } from './0007-storage';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every schema step in order; a new step is a new file appended here. */
export const migrations: readonly Migration[] = [
  initial,
  search,
  playbackSettings,
  rawApart,
  searchText,
  upstream,
  storage,
];

export const newestSchemaVersion = migrations.length;
