import { AppError } from './errors';

/** What a kiosk refuses, each with what to do; stable codes the renderer and tests rely on. */
export const kioskErrors = {
  locked: () =>
    new AppError(
      'kiosk_locked',
      'The kiosk is locked: only playing its videos is possible.',
      'Leave kiosk mode with the PIN first.',
    ),
  pinRequired: () =>
    new AppError(
      'kiosk_pin_required',
      'Changing or removing the kiosk PIN, or no longer starting in kiosk mode, needs the current PIN.',
      'Enter the current kiosk PIN, then try again.',
    ),
  pinWrong: () =>
    new AppError(
      'kiosk_pin_wrong',
      'That is not the current kiosk PIN, so nothing was changed.',
      'Enter the current kiosk PIN.',
    ),
  backoff: (seconds: number) =>
    new AppError(
      'kiosk_pin_backoff',
      `Too many wrong PINs. The next try is possible in ${seconds} s.`,
      'Wait, then enter the PIN again.',
    ),
};
