import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outcome } from '../contract/index';
import type { AppBackend } from '../handlers/backend';
import { sendJson } from './headers';

export const maxRpcBodyBytes = 1024 * 1024;

/** Which event the stream had numbered when a call answered: lets a client wait for it. */
export const lastEventHeader = 'x-offstream-last-event';

const refusal = (code: string, message: string): Outcome<never> => ({
  ok: false,
  error: { code, message },
});

class BodyTooLarge extends Error {}

/** Collects the body up to `limit`; past it, the rest is read and dropped so the 413 arrives. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(request.headers['content-length'] ?? 0) > limit ? limit + 1 : 0;
    const tooLarge = () => {
      request.off('data', collect);
      request.resume();
      reject(new BodyTooLarge());
    };
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    };
    if (size > limit) {
      tooLarge();
      return;
    }
    request.on('data', collect);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
    request.once('close', () => {
      if (!request.complete) reject(new Error('The caller went away.'));
    });
  });
}

/**
 * `POST /rpc/<channel>`: a JSON body becomes the call's arguments. Every answer is an Outcome;
 * the backend's own verdicts (unknown channel, invalid arguments, problems) come with 200, what
 * never reached it (not JSON, too large, wrong method or type) with the matching 4xx.
 */
export async function serveRpc(
  backend: Pick<AppBackend, 'dispatch'>,
  channel: string,
  request: IncomingMessage,
  response: ServerResponse,
  lastEventId: () => number,
): Promise<void> {
  response.setHeader('cache-control', 'no-store');
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    sendJson(response, 405, refusal('method_not_allowed', 'Calls are POST requests.'));
    return;
  }
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    sendJson(response, 415, refusal('bad_request', 'Calls send their arguments as JSON.'));
    return;
  }
  let args: unknown;
  try {
    const body = await readBody(request, maxRpcBodyBytes);
    args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      response.setHeader('connection', 'close');
      sendJson(response, 413, refusal('too_large', 'The call is larger than 1 MB.'));
      return;
    }
    sendJson(response, 400, refusal('bad_request', 'The arguments are not valid JSON.'));
    return;
  }
  const outcome = await backend.dispatch(channel, args);
  response.setHeader(lastEventHeader, String(lastEventId()));
  sendJson(response, 200, outcome);
}
