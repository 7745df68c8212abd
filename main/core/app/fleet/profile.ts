import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { settingsSchema } from '../../library/settings-schema';
import { DownloadWindow } from '../../schedule/windows';
import { DownloadKind, VideoUid } from '../../stream/ids';
import { zodSentence } from '../problems';
import { fleetErrors } from './fleet-errors';

/**
 * Which videos of the account to hold besides those named: Cloudflare filters by `search` (part
 * of the name) and `creator`; `meta` key/values are matched here, as the API has no such filter.
 */
export const ProfileFilter = z.strictObject({
  search: z.string().min(1).max(500).optional(),
  creator: z.string().min(1).max(64).optional(),
  meta: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
});
export type ProfileFilter = z.infer<typeof ProfileFilter>;

/**
 * What a managed machine must hold, declared once by IT (README: "Managed library profile").
 * Strict: a misspelt key is an error rather than a setting silently not applied.
 */
export const LibraryProfile = z.strictObject({
  version: z.literal(1, 'version must be 1 (the only profile version this app reads)'),
  videos: z.array(VideoUid).max(10_000).default([]),
  filter: ProfileFilter.optional(),
  kinds: z.array(DownloadKind).min(1).max(2).default(['default']),
  kiosk: z
    .strictObject({
      /** The looping playlist, in order; default: every video the profile names, in order. */
      playlist: z.array(VideoUid).max(10_000).optional(),
      schedule: settingsSchema.kioskSchedule.unwrap().optional(),
    })
    .optional(),
  /** null lifts any window; absent leaves the machine's setting as it is. */
  downloadWindow: z.union([DownloadWindow, z.null()]).optional(),
  /** Saved videos the profile no longer lists: removed from the machine, or kept. */
  unlisted: z.enum(['remove', 'keep']).default('keep'),
});
export type LibraryProfile = z.output<typeof LibraryProfile>;

/** Profile files are small; anything bigger is not one. */
const maxProfileBytes = 4 * 1024 * 1024;

/** Reads and validates a profile; a coded refusal (nothing done yet) when it cannot be used. */
export async function readProfile(file: string): Promise<LibraryProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw fleetErrors.profileUnreadable(file, (error as NodeJS.ErrnoException).code ?? 'error');
  }
  if (text.length > maxProfileBytes) throw fleetErrors.profileInvalid(file, 'the file is too big');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fleetErrors.profileInvalid(file, 'it is not JSON');
  }
  const parsed = LibraryProfile.safeParse(json);
  if (!parsed.success) throw fleetErrors.profileInvalid(file, zodSentence(parsed.error));
  return parsed.data;
}
