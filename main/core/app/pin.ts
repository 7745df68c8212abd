import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface PinHash {
  hash: string;
  salt: string;
}

const keyLength = 32;

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, keyLength, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A salted scrypt hash of the kiosk PIN: what is stored instead of the PIN. */
export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt);
  return { hash: key.toString('hex'), salt: salt.toString('hex') };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await derive(pin, Buffer.from(stored.salt, 'hex'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
