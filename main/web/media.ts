import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppBackend } from '../handlers/backend';
import { sendText } from './headers';
import { sendWebResponse } from './send-response';

/** Request headers a media answer depends on; nothing else reaches the backend. */
const forwarded = ['range', 'if-range'] as const;

/** The Node request as the web Request the backend's media answer expects. */
export function mediaRequest(request: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const name of forwarded) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(new URL(request.url ?? '/', origin), {
    method: request.method === 'HEAD' ? 'HEAD' : 'GET',
    headers,
  });
}

/**
 * `GET|HEAD /media/<url-encoded id>`: the backend's answer streamed back as it is read, at the
 * pace the client takes it; a client that goes away stops the file read.
 */
export async function serveMedia(
  backend: Pick<AppBackend, 'media'>,
  encodedId: string,
  origin: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    sendText(response, 405, 'Read only.');
    return;
  }
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    sendText(response, 404, 'Not in the library.');
    return;
  }
  if (id === '' || encodedId.includes('/')) {
    sendText(response, 404, 'Not in the library.');
    return;
  }
  const answer = await backend.media(id, mediaRequest(request, origin));
  await sendWebResponse(answer, request.method, response);
}
