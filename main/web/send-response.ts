import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * Writes a web Response to the Node response, its body streamed at the pace the client reads;
 * a client that goes away stops the read. A HEAD answer sends the headers only.
 */
export async function sendWebResponse(
  answer: Response,
  method: string | undefined,
  response: ServerResponse,
): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (!answer.body || method === 'HEAD') {
    await answer.body?.cancel();
    response.end();
    return;
  }
  await pipeline(Readable.fromWeb(answer.body as NodeWebStream<Uint8Array>), response);
}
