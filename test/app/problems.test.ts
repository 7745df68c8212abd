import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, problemOf } from '../../main/core/app/index';
import { LibraryError } from '../../main/core/library/index';
import { problemCatalogue } from '../../main/core/problems/catalogue';
import { StreamApiError } from '../../main/core/stream/errors';
import { DeliveryUrlError } from '../../main/core/stream/signed-url';

const token = 'tok_0123456789abcdefghij';

describe('problemOf', () => {
  it('keeps the code and sentence of coded errors, without the secrets', () => {
    const api = new StreamApiError({ code: 'auth_invalid', message: `Rejected ${token} here.` });
    expect(problemOf(api, [token])).toEqual({
      code: 'auth_invalid',
      message: 'Rejected [redacted] here.',
      action: problemCatalogue.auth_invalid[1],
    });
    const library = new LibraryError('disk_full', 'The disk is full.');
    expect(problemOf(library, [])).toEqual({
      code: 'disk_full',
      message: 'The disk is full.',
      action: problemCatalogue.disk_full[1],
    });
    expect(problemOf(new AppError('busy', 'Busy.', 'Wait.'), [])).toEqual({
      code: 'busy',
      message: 'Busy.',
      action: 'Wait.',
    });
    expect(problemOf(new DeliveryUrlError('Not a URL.'), []).code).toBe('bad_url');
  });

  it('names the field of a zod error', () => {
    const parsed = z.object({ uid: z.string().length(32) }).safeParse({ uid: 'x' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      const problem = problemOf(parsed.error, []);
      expect(problem.code).toBe('invalid_arguments');
      expect(problem.message).toContain('uid');
    }
  });

  it('turns anything else into internal, never a stack', () => {
    const problem = problemOf(new Error(`boom ${token}`), [token]);
    expect(problem.code).toBe('internal');
    expect(JSON.stringify(problem)).not.toMatch(/boom|at \w|tok_/);
    const errno = (code: string) => problemOf(Object.assign(new Error('x'), { code }), []).code;
    expect(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EBUSY'].map(errno)).toEqual([
      'disk_full',
      'disk_full',
      'library_unwritable',
      'library_unwritable',
      'library_unwritable',
      'file_busy',
    ]);
  });
});
