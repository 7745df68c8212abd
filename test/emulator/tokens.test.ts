import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningEmulator,
  startEmulator,
  type TokenKind,
} from '../../main/core/emulator/index';
import { sampleVideos } from '../../main/core/emulator/samples/catalog';

/** Cloudflare's two kinds of API token, each verified on its own path (stream-api.md §8). */
let emulator: RunningEmulator;
let userEmulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
  userEmulator = await startEmulator({ tokenKind: 'user' });
});
afterAll(async () => {
  await Promise.all([emulator.close(), userEmulator.close()]);
});

const [alpine] = sampleVideos;
if (!alpine) throw new Error('sample catalogue changed');

interface Answer {
  status: number;
  body: { success: boolean; errors: { code: number; message: string }[]; result: unknown };
}

async function get(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  on = emulator,
): Promise<Answer> {
  const response = await fetch(`${on.apiBase}${path}`, { method, headers });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const accountPath = (e = emulator) => `/accounts/${e.accountId}/tokens/verify`;
const userPath = '/user/tokens/verify';
const invalidApiToken = { code: 1000, message: 'Invalid API Token' };

function expectRefused(answer: Answer, status: number, error: { code: number; message: string }) {
  expect(answer.status).toBe(status);
  expect(answer.body.success).toBe(false);
  expect(answer.body.errors).toEqual([error]);
}

describe('the two verify paths', () => {
  it('an account token verifies only at the account path', async () => {
    const token = emulator.control.addToken({ kind: 'account', permission: 'stream:read' });
    const verified = await get(accountPath(), bearer(token));
    expect(verified.status).toBe(200);
    expect(verified.body.result).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      status: 'active',
    });
    expectRefused(await get(userPath, bearer(token)), 401, invalidApiToken);
  });

  it('a user token verifies only at the user path', async () => {
    const token = emulator.control.addToken({ kind: 'user', permission: 'stream:write' });
    const verified = await get(userPath, bearer(token));
    expect(verified.status).toBe(200);
    expect(verified.body.result).toMatchObject({ status: 'active' });
    expectRefused(await get(accountPath(), bearer(token)), 401, invalidApiToken);
  });

  it('the main and read tokens are account tokens unless tokenKind says user', async () => {
    expect(emulator.tokenKind).toBe('account');
    for (const token of [emulator.token, emulator.readToken]) {
      expect((await get(accountPath(), bearer(token))).status).toBe(200);
      expect((await get(userPath, bearer(token))).status).toBe(401);
    }
    expect(userEmulator.tokenKind).toBe('user');
    for (const token of [userEmulator.token, userEmulator.readToken]) {
      expect((await get(userPath, bearer(token), 'GET', userEmulator)).status).toBe(200);
      const atAccount = await get(accountPath(userEmulator), bearer(token), 'GET', userEmulator);
      expectRefused(atAccount, 401, invalidApiToken);
    }
  });

  it('never shows the secret: the id is derived from it', async () => {
    const verified = await get(accountPath(), bearer(emulator.token));
    expect(JSON.stringify(verified.body)).not.toContain(emulator.token);
  });

  it('answers an unknown token, legacy keys and another account id as the emulator chose', async () => {
    expectRefused(await get(accountPath(), bearer('nope')), 403, {
      code: 9109,
      message: 'Invalid access token',
    });
    const legacy = { 'x-auth-email': emulator.legacy.email, 'x-auth-key': emulator.legacy.key };
    expectRefused(await get(accountPath(), legacy), 401, invalidApiToken);
    expectRefused(await get(userPath, legacy), 401, invalidApiToken);
    const foreign = `/accounts/${'0'.repeat(32)}/tokens/verify`;
    expectRefused(await get(foreign, bearer(emulator.token)), 403, {
      code: 10000,
      message: 'Authentication error',
    });
  });
});

describe('disabled, expired and read-only tokens', () => {
  const streamList = () => `/accounts/${emulator.accountId}/stream`;
  const cases: [TokenKind, 'disabled' | 'expired'][] = [
    ['account', 'disabled'],
    ['account', 'expired'],
    ['user', 'disabled'],
    ['user', 'expired'],
  ];

  it.each(cases)(
    'a %s token that is %s verifies with its status and is refused elsewhere',
    async (kind, status) => {
      const token = emulator.control.addToken({ kind, permission: 'stream:write', status });
      const verified = await get(kind === 'account' ? accountPath() : userPath, bearer(token));
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ success: true, result: { status } });
      expectRefused(await get(streamList(), bearer(token)), 403, {
        code: 9109,
        message: 'Invalid access token',
      });
    },
  );

  it.each(['account', 'user'] as const)(
    'a read-only %s token reads but may not write',
    async (kind) => {
      const token = emulator.control.addToken({ kind, permission: 'stream:read' });
      expect((await get(streamList(), bearer(token))).status).toBe(200);
      const downloads = `${streamList()}/${alpine.uid}/downloads`;
      expectRefused(await get(downloads, bearer(token), 'POST'), 403, {
        code: 10000,
        message: 'Authentication error',
      });
    },
  );

  it('a token of either kind that is active may call Stream', async () => {
    for (const kind of ['account', 'user'] as const) {
      const token = emulator.control.addToken({ kind, permission: 'stream:read' });
      expect((await get(streamList(), bearer(token))).status).toBe(200);
    }
  });
});
