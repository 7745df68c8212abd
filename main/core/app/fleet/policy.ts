import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { ProxyUrl } from '../../../contract/schemas';
import { HttpsOrLoopbackUrl } from '../../http/secure-url';
import { settingsSchema } from '../../library/settings-schema';
import { AccountId } from '../../stream/ids';

const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => isAbsolute(path), 'must be an absolute path');

/**
 * What IT may set for every person on the machine; each field set is also locked. The API token
 * is never one of them: it comes from the OS secret store or the service's environment.
 */
export const policyFields = {
  libraryFolder: AbsolutePath,
  accountId: AccountId,
  /** Whether the person may connect another account, open the demo or disconnect. */
  allowAccountChange: z.boolean(),
  /** The managed library profile the app syncs to (README: "Managed library profile"). */
  profile: AbsolutePath,
  proxy: z.strictObject({
    mode: z.enum(['system', 'none', 'manual']),
    url: ProxyUrl.nullable().default(null),
    username: z.string().max(256).nullable().default(null),
  }),
  bandwidthCap: settingsSchema.bandwidthCap.unwrap(),
  downloadWindow: settingsSchema.downloadWindow.unwrap(),
  kioskOnStart: z.boolean(),
  /** What the kiosk loops, in order: video uids, as Settings → Kiosk sets them. */
  kioskPlaylist: settingsSchema.kioskPlaylist.unwrap(),
  /** When the kiosk plays and what (main/contract/schedule.ts); null = always the playlist. */
  kioskSchedule: settingsSchema.kioskSchedule.unwrap(),
  startAtLogin: z.boolean(),
  /** `false`: the installed app never checks for or downloads updates (as OFFSTREAM_UPDATES=off). */
  allowUpdates: z.boolean(),
  /** The organisation's mirror of the update folder, used instead of the built-in feed. */
  updateUrl: HttpsOrLoopbackUrl,
} as const;

export type PolicyField = keyof typeof policyFields;
export type PolicyValues = { [K in PolicyField]?: z.output<(typeof policyFields)[K]> };

/** The policy in force: the fields that parsed, and a sentence for each one that did not. */
export interface Policy {
  /** Where it was read from, for the sentences that name it. */
  file: string;
  values: PolicyValues;
  problems: string[];
}

export const noPolicy = (file = ''): Policy => ({ file, values: {}, problems: [] });

/**
 * The machine-wide policy file: OFFSTREAM_POLICY_FILE when set (tests, unusual layouts), else
 * Linux /etc/offstream/policy.json, Windows %ProgramData%\Offstream\policy.json, macOS a JSON
 * file beside the managed preferences (no plist parser here; see the README).
 */
export function policyFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.OFFSTREAM_POLICY_FILE) return env.OFFSTREAM_POLICY_FILE;
  if (platform === 'win32') {
    return join(env.ProgramData ?? 'C:\\ProgramData', 'Offstream', 'policy.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Offstream/policy.json';
  return '/etc/offstream/policy.json';
}

const maxPolicyBytes = 1024 * 1024;

/**
 * Reads the policy field by field: a field that does not parse is ignored (with a problem to
 * show) while the others apply; a file that is absent is no policy; one that cannot be read or
 * is not a JSON object sets nothing and says so.
 */
export function readPolicy(file: string): Policy {
  let text: string;
  try {
    // Synchronous: read once, before the shell decides its library folder and account.
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return noPolicy(file);
    return { ...noPolicy(file), problems: [`The policy file cannot be read (${code}).`] };
  }
  let json: unknown;
  try {
    if (text.length > maxPolicyBytes) throw new Error('too big');
    json = JSON.parse(text);
  } catch {
    return { ...noPolicy(file), problems: ['The policy file is not JSON; none of it applies.'] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ...noPolicy(file),
      problems: ['The policy file is not a JSON object; none of it applies.'],
    };
  }
  return { file, ...fieldsOf(json as Record<string, unknown>) };
}

function fieldsOf(json: Record<string, unknown>): Pick<Policy, 'values' | 'problems'> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (!Object.hasOwn(policyFields, key)) {
      problems.push(`The policy field "${key.slice(0, 64)}" is unknown and was ignored.`);
      continue;
    }
    const parsed = policyFields[key as PolicyField].safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else {
      const issue = parsed.error.issues[0]?.message ?? 'invalid';
      problems.push(`The policy field "${key}" was ignored: ${issue}.`);
    }
  }
  return { values: values as PolicyValues, problems };
}

/** Whether the policy sets (and so locks) a field. */
export function isLocked(policy: Policy, field: PolicyField): boolean {
  return policy.values[field] !== undefined;
}
