import { z } from 'zod';

/** The app's updates as Settings shows them (see main/core/app/updates). */
export const UpdateReport = z.object({
  phase: z.enum(['idle', 'checking', 'available', 'downloading', 'ready', 'error']),
  currentVersion: z.string(),
  version: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  error: z
    .object({ code: z.enum(['update_tampered', 'update_failed']), message: z.string() })
    .optional(),
  /** Why the app does not check or download by itself now. */
  blockedBy: z.enum(['policy', 'kiosk', 'metered', 'automatic_off']).optional(),
  checkedAt: z.number().optional(),
  /** False in the browser mode and in builds that cannot update themselves. */
  supported: z.boolean(),
  checkAutomatically: z.boolean(),
  connectionMetered: z.boolean(),
  /** The machine-wide policy (IT) allows updates. */
  updatesAllowed: z.boolean(),
  /**
   * The host of the organisation's update server, when the policy's updateUrl names one. Only
   * the host: the URL's path may say more about the organisation than Settings should.
   */
  organisationHost: z.string().min(1).max(300).optional(),
});
export type UpdateReport = z.infer<typeof UpdateReport>;

export const UpdatePreferencesPatch = z
  .object({
    checkAutomatically: z.boolean().optional(),
    connectionMetered: z.boolean().optional(),
  })
  .strict();
