import { ZodError } from 'zod';
import type { Problem } from '../../contract/index';
import { isLibraryError } from '../library/index';
import { scrubText } from '../log';
import { actionFor, problem, problemCatalogue } from '../problems/catalogue';
import { pathsNamedBy, withDisplayPaths } from '../problems/display-path';
import { fsFailureOf } from '../problems/fs-failure';
import { decide, JobStop } from '../queue/decisions';
import { isStreamApiError } from '../stream/errors';
import { DeliveryUrlError } from '../stream/signed-url';
import { TransferError } from '../transfer/errors';
import { AppError, ProblemError } from './errors';

const internal: Problem = {
  code: 'internal',
  message: 'Something unexpected went wrong.',
  action: 'Try again; if it keeps happening, report it with the log.',
};

/** The first issue of a zod error as a sentence naming the field. */
export function zodSentence(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The arguments are not valid.';
  const field = issue.path.length > 0 ? issue.path.join('.') : 'the arguments';
  return `Invalid ${field}: ${issue.message}`;
}

function known(error: unknown): Problem | undefined {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.action ? { action: error.action } : {}),
    };
  }
  if (isStreamApiError(error) || isLibraryError(error)) {
    // Their sentence names the video or the HTTP status; what to do comes from the catalogue.
    const action = actionFor(error.code);
    return { code: error.code, message: error.message, ...(action ? { action } : {}) };
  }
  if (error instanceof DeliveryUrlError) {
    const [, action] = problemCatalogue.bad_url;
    return { code: 'bad_url', message: error.message, action };
  }
  if (error instanceof TransferError || error instanceof JobStop) return decide(error).problem;
  const failure = fsFailureOf(error);
  if (failure === 'disk_full') return problem('disk_full');
  if (failure === 'unwritable') return problem('library_unwritable');
  if (failure === 'busy') return problem('file_busy');
  if (error instanceof ZodError) return { code: 'invalid_arguments', message: zodSentence(error) };
  return undefined;
}

/**
 * What a person sees of a failure: a stable code and a sentence, never a stack, never a
 * secret (every one given is cut out, wherever it hides), and folders only in their display
 * form (the renderer gets no path it could hand back). Unknown errors become `internal`.
 */
export function problemOf(error: unknown, secrets: readonly string[]): Problem {
  const problem = known(error) ?? internal;
  const paths = pathsNamedBy(error);
  const shown = (text: string) => withDisplayPaths(scrubText(text, secrets), paths);
  return {
    code: problem.code,
    message: shown(problem.message),
    ...(problem.action ? { action: shown(problem.action) } : {}),
  };
}
