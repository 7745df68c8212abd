import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { createStreamClient } from '../../main/core/stream/client';
import { failureOf } from './failure-of';
import {
  ACCOUNT,
  fail,
  ok,
  type Reply,
  type SeenRequest,
  startTestServer,
  type TestServer,
  TOKEN,
} from './test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const accountPath = `/client/v4/accounts/${ACCOUNT}/tokens/verify`;
const userPath = '/client/v4/user/tokens/verify';

/** A Cloudflare that answers each verify path as told (anything else: 404). */
async function cloudflare(answers: { account: Reply; user: Reply }) {
  const server = await startTestServer((req: SeenRequest) => {
    if (req.url.pathname === accountPath) return answers.account;
    if (req.url.pathname === userPath) return answers.user;
    return fail(404, 7000, 'No route for that URI');
  });
  servers.push(server);
  const client = createStreamClient({
    apiBase: `${server.origin}/client/v4`,
    accountId: ACCOUNT,
    credentials: { token: TOKEN },
    clock: new ManualClock(),
    retry: { maxRetries: 0 },
  });
  return { server, client };
}

const active = ok({ id: 'a'.repeat(32), status: 'active' });
const invalidApiToken = fail(401, 1000, 'Invalid API Token');

describe('verifying both kinds of API token (stream-api.md §8)', () => {
  it('takes an account token on the account path, without asking the user path', async () => {
    const { server, client } = await cloudflare({ account: active, user: invalidApiToken });
    expect(await client.verifyToken()).toEqual({ id: 'a'.repeat(32), kind: 'account' });
    expect(server.requests.map((r) => r.url.pathname)).toEqual([accountPath]);
  });

  it('falls back to the user path for a user token', async () => {
    const { server, client } = await cloudflare({ account: invalidApiToken, user: active });
    expect((await client.verifyToken()).kind).toBe('user');
    expect(server.requests.map((r) => r.url.pathname)).toEqual([accountPath, userPath]);
  });

  it('falls back when the account path does not exist (404) or refuses the kind (403 10000)', async () => {
    for (const account of [fail(404, 7000, 'No route'), fail(403, 10000, 'Authentication error')]) {
      const { client } = await cloudflare({ account, user: active });
      expect((await client.verifyToken()).kind).toBe('user');
    }
  });

  it('says the token was not accepted when neither path takes it', async () => {
    const { client } = await cloudflare({ account: invalidApiToken, user: invalidApiToken });
    const error = await failureOf(client.verifyToken());
    expect(error.code).toBe('auth_invalid');
    expect(error.message).toMatch(/API token/);
    expect(error.message).not.toMatch(/permission|Stream Write/);
  });

  it('talks about the token, never about videos, when both paths are missing', async () => {
    const missing = fail(404, 7000, 'No route for that URI');
    const { client } = await cloudflare({ account: missing, user: missing });
    const error = await failureOf(client.verifyToken());
    expect(error.code).toBe('not_found');
    expect(error.message).toMatch(/could not check the API token/);
    expect(error.message).not.toMatch(/video|catalogue/i);
  });

  it.each([
    ['disabled', /is disabled/],
    ['expired', /has expired/],
  ])('refuses a %s token, naming its status', async (status, sentence) => {
    const answer = ok({ id: 'b'.repeat(32), status });
    for (const answers of [
      { account: answer, user: invalidApiToken },
      { account: invalidApiToken, user: answer },
    ]) {
      const { client } = await cloudflare(answers);
      const error = await failureOf(client.verifyToken());
      expect(error.code).toBe('auth_invalid');
      expect(error.message).toMatch(sentence);
    }
  });

  it('does not try the other path after a network-level failure or a 5xx', async () => {
    const { server, client } = await cloudflare({
      account: fail(503, 10001, 'upstream'),
      user: active,
    });
    expect((await failureOf(client.verifyToken())).code).toBe('server_error');
    expect(server.requests.map((r) => r.url.pathname)).toEqual([accountPath]);
  });
});
