import { z } from 'zod';
import { VideoUid } from '../stream/ids';
import { LibraryError } from './errors';
import type { CatalogueSort } from './types';

/** The last row of a page: its sort key and uid, the keyset the next page starts after. */
export interface Keyset {
  sort: CatalogueSort;
  key: string | number;
  uid: string;
}

const Cursor = z.object({
  s: z.enum(['newest', 'name', 'size']),
  k: z.union([z.string(), z.number()]),
  u: VideoUid,
});

export function encodeCursor(keyset: Keyset): string {
  const body = JSON.stringify({ s: keyset.sort, k: keyset.key, u: keyset.uid });
  return Buffer.from(body, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: CatalogueSort): Keyset {
  let parsed: z.infer<typeof Cursor> | undefined;
  try {
    parsed = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  const keyIsText = sort === 'name';
  if (!parsed || parsed.s !== sort || (typeof parsed.k === 'string') !== keyIsText) {
    throw new LibraryError(
      'invalid_cursor',
      'This page of the catalogue is out of date; reload the list from the start.',
    );
  }
  return { sort, key: parsed.k, uid: parsed.u };
}
