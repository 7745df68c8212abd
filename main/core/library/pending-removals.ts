import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type FileSemantics, removeNowOrHeld, removeOrHeld } from '../file-semantics';
import type { Logger } from '../log';
import { safeJson } from '../safe-json';
import {
  pendingRemovalsPath,
  scratchPath,
  videoDir,
  videoDirEntry,
  videoDirEntryPattern,
} from './paths';

const PendingRemovalsFile = z.object({ version: z.literal(1), folders: z.array(z.string()) });

/**
 * Video folders a removal could not delete because Windows said another program held a file in
 * them (the player, a virus scan). The video is gone from the index at once, so nothing fails;
 * the bytes are retried in the background with backoff, then at every start until they go.
 * The list is a file in the library (`pending-removals.json`) so it survives a restart.
 */
export class PendingRemovals {
  constructor(
    private readonly folder: string,
    private readonly files: FileSemantics,
    private readonly logger: Logger,
    /** A folder whose video has files in the index again was downloaded anew: keep it. */
    private readonly inUse: (uid: string) => boolean,
  ) {}

  private retrying: Promise<void> = Promise.resolve();

  /** Settles when the background retries started so far have finished (close, tests). */
  settled(): Promise<void> {
    return this.retrying;
  }

  /** Removes a video's folder now, or remembers it and keeps trying in the background. */
  removeVideoFolder(uid: string): 'removed' | 'deferred' {
    if (removeNowOrHeld(videoDir(this.folder, uid), this.files) === 'removed') return 'removed';
    this.save([...new Set([...this.list(), videoDirEntry(uid)])]);
    this.logger.info('a file of a removed video is held open; removing it later', { uid });
    this.retrying = Promise.all([this.retrying, this.retryInBackground(uid)]).then(() => {});
    return 'deferred';
  }

  /** One attempt at each remembered folder (at open); the ones still held stay listed. */
  sweep(): string[] {
    const listed = this.list();
    const left = listed.filter((entry) => {
      const uid = videoDirEntryPattern.exec(entry)?.[1] ?? '';
      if (this.inUse(uid)) return false;
      try {
        return removeNowOrHeld(videoDir(this.folder, uid), this.files) === 'held';
      } catch (error) {
        this.logger.warn('could not remove the folder of a removed video', { uid, error });
        return true;
      }
    });
    if (left.length !== listed.length) this.save(left);
    return left;
  }

  /** The remembered folders, each checked to be `media/<uid>`; anything else is dropped. */
  list(): string[] {
    let text: string;
    try {
      text = readFileSync(pendingRemovalsPath(this.folder), 'utf8');
    } catch {
      return [];
    }
    const parsed = PendingRemovalsFile.safeParse(safeJson(text));
    if (!parsed.success) {
      this.logger.warn('ignoring an unreadable pending-removals list');
      return [];
    }
    return parsed.data.folders.filter((entry) => videoDirEntryPattern.test(entry));
  }

  private async retryInBackground(uid: string): Promise<void> {
    try {
      const outcome = await removeOrHeld(videoDir(this.folder, uid), this.files);
      if (outcome === 'held') return;
      this.save(this.list().filter((entry) => entry !== videoDirEntry(uid)));
    } catch (error) {
      this.logger.warn('could not remove the folder of a removed video', { uid, error });
    }
  }

  /** Written whole through a temp file in .partial (the next open sweeps a stray one). */
  private save(folders: string[]): void {
    const temp = scratchPath(this.folder, 'pending-removals');
    const text = `${JSON.stringify({ version: 1, folders })}\n`;
    writeFileSync(temp, text, { mode: 0o600, flush: true });
    renameSync(temp, pendingRemovalsPath(this.folder));
  }
}
