import { AppError } from '../errors';

/** What a managed profile or an IT policy refuses; stable codes fleet scripts rely on. */
export const fleetErrors = {
  profileUnreadable: (file: string, detail: string) =>
    new AppError(
      'profile_unreadable',
      `The library profile ${file} cannot be read (${detail}); nothing was changed.`,
      'Check that the file exists and that this account may read it.',
      { paths: [file] },
    ),
  profileInvalid: (file: string, detail: string) =>
    new AppError(
      'profile_invalid',
      `The library profile ${file} is not valid: ${detail}. Nothing was changed.`,
      'Correct the profile (see "Managed library profile" in the README), then sync again.',
      { paths: [file] },
    ),
  settingLocked: (settings: readonly string[]) =>
    new AppError(
      'setting_locked',
      `Set by your organisation: ${settings.join(', ')} cannot be changed on this computer.`,
      'Ask your IT department to change the policy.',
    ),
};
