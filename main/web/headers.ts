import type { ServerResponse } from 'node:http';
import { rendererPolicy, securityHeaders } from '../handlers/renderer-policy';

/** Media comes from /media/ on this origin, so the policy names no media scheme. */
export const contentSecurityPolicy = rendererPolicy();

/**
 * Set on every answer: the renderer's own headers, plus what a browser needs so nothing here is
 * embedded by another site or leaks a referrer.
 */
export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders(contentSecurityPolicy))) {
    response.setHeader(name, value);
  }
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendText(response, status, JSON.stringify(value), 'application/json; charset=utf-8');
}
