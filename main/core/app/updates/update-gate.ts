/**
 * Whether the app may talk to the update server now. Each input is named for who decides it:
 * IT (a machine-wide policy), the person (Settings), the connection, and the kiosk.
 */
export interface UpdateConditions {
  /** The machine-wide policy; false turns every update activity off, "Check now" included. */
  updatesAllowed: boolean;
  /** Settings → "Check for updates automatically". */
  checkAutomatically: boolean;
  /** Settings → "This connection is metered". */
  connectionMetered: boolean;
  /** A kiosk is playing (a kiosk launch that has not been unlocked). */
  kioskPlaying: boolean;
}

/** Why nothing happens; the Settings view says it in words. */
export type UpdateBlock = 'policy' | 'kiosk' | 'metered' | 'automatic_off';

/** Checks and downloads the app starts by itself (at start, daily, after a check found one). */
export function automaticBlock(conditions: UpdateConditions): UpdateBlock | undefined {
  return manualBlock(conditions) ?? (conditions.checkAutomatically ? undefined : 'automatic_off');
}

/**
 * What the person asks for ("Check now", "Restart to update"): the policy, the kiosk and a
 * metered connection still say no; turning automatic checks off does not.
 */
export function manualBlock(conditions: UpdateConditions): UpdateBlock | undefined {
  if (!conditions.updatesAllowed) return 'policy';
  if (conditions.kioskPlaying) return 'kiosk';
  if (conditions.connectionMetered) return 'metered';
  return undefined;
}
