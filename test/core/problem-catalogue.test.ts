import { describe, expect, it } from 'vitest';
import { type LibraryErrorCode, libraryErrors } from '../../main/core/library/errors';
import { actionFor, problemCatalogue } from '../../main/core/problems/catalogue';
import { fsFailureOf } from '../../main/core/problems/fs-failure';
import type { StreamErrorCode } from '../../main/core/stream/errors';
import type { TransferErrorCode } from '../../main/core/transfer/errors';

// Every code the client, the transfer and the library can raise that reaches a person.
const streamCodes: StreamErrorCode[] = [
  'auth_invalid',
  'auth_missing_permission',
  'not_found',
  'video_not_ready',
  'video_errored',
  'rate_limited',
  'server_error',
  'bad_response',
  'network',
  'proxy_auth',
  'tls_untrusted',
];
const libraryCodes: LibraryErrorCode[] = [
  'library_corrupt',
  'library_too_new',
  'library_unwritable',
  'library_missing',
  'library_migration_failed',
  'disk_full',
  'video_not_saved',
  'export_target_unusable',
  'export_source_corrupt',
  'import_manifest_invalid',
  'import_too_new',
  'import_incomplete',
  'import_tampered',
  'import_not_plain',
  'import_not_media',
  'import_would_replace',
];
const transferCodes: TransferErrorCode[] = [
  'disk_full',
  'library_unwritable',
  'captive_portal',
  'not_media',
  'network',
  'bad_url',
  'proxy_auth',
  'tls_untrusted',
  'video_errored',
];

describe('the error catalogue', () => {
  it('has a sentence and an action for every code a person can meet', () => {
    for (const code of [...streamCodes, ...libraryCodes, ...transferCodes]) {
      expect(actionFor(code), code).toMatch(/\S{3}/);
    }
    for (const [code, [message, action]] of Object.entries(problemCatalogue)) {
      expect(message.endsWith('.'), code).toBe(true);
      expect(action.length, code).toBeGreaterThan(5);
    }
  });

  it('maps every errno that means "the disk" in one place', () => {
    const of = (code: string) => fsFailureOf(Object.assign(new Error(code), { code }));
    expect(of('ENOSPC')).toBe('disk_full');
    expect(of('EDQUOT')).toBe('disk_full');
    expect(of('EROFS')).toBe('unwritable');
    expect(of('EACCES')).toBe('unwritable');
    expect(of('EPERM')).toBe('unwritable');
    expect(of('EBUSY')).toBe('busy');
    expect(of('ECONNRESET')).toBeUndefined();
    expect(fsFailureOf(null)).toBeUndefined();
    expect(libraryErrors.diskFull().code).toBe('disk_full');
  });
});
