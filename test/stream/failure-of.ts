import { expect } from 'vitest';
import { StreamApiError } from '../../main/core/stream/errors';

/** The StreamApiError a call rejects with; fails the test if it resolves or throws another. */
export async function failureOf(promise: Promise<unknown>): Promise<StreamApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamApiError);
  return error as StreamApiError;
}
