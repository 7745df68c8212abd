import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir, sampleVideos } from '../../main/core/emulator/samples/catalog';
import type { RunningEmulator } from '../../main/core/emulator/types';
import { decide } from '../../main/core/queue/decisions';
import { TransferError } from '../../main/core/transfer/errors';
import { resumeTransfer } from '../../main/core/transfer/transfer';
import { recordingClock, WindowsLikeFiles, windowsSemantics } from '../library/windows-semantics';
import { deliveryRequests, emulatorForTests, readyDownload } from '../support/emulator';

const [alpine] = sampleVideos;
if (!alpine) throw new Error('sample catalogue changed');

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await emulatorForTests();
});
afterAll(() => emulator.close());

describe('finishing a transfer on Windows', () => {
  it('waits out a scanner holding the new file, and never fsyncs the folder', async () => {
    const library = mkdtempSync(join(tmpdir(), 'offstream-windows-'));
    try {
      const destination = join(library, 'media', alpine.uid, 'default.mp4');
      const files = new WindowsLikeFiles();
      // A virus scanner opens the file as it appears; the rename is refused twice.
      files.hold(destination, 'EBUSY', 2);
      const clock = recordingClock();
      const outcome = await resumeTransfer(
        {
          url: await readyDownload(emulator, alpine.uid),
          partPath: join(library, '.partial', `${alpine.uid}.default.part`),
          destinationPath: destination,
        },
        { reserveBytes: 0, files: windowsSemantics(files, clock) },
      );
      expect(outcome.path).toBe(destination);
      expect(existsSync(destination)).toBe(true);
      expect(files.calls.filter((call) => call === `rename ${destination}`)).toHaveLength(3);
      expect(clock.slept).toEqual([75, 150]);
      // Opening media/<uid>/ would have thrown EISDIR, as Windows does: it was never tried.
      expect(files.calls.some((call) => call.startsWith('open'))).toBe(false);
    } finally {
      rmSync(library, { recursive: true, force: true });
    }
  });

  it('when the file stays held, the job waits with its bytes whole and never fails', async () => {
    const library = mkdtempSync(join(tmpdir(), 'offstream-windows-'));
    try {
      const destination = join(library, 'media', alpine.uid, 'default.mp4');
      const partPath = join(library, '.partial', `${alpine.uid}.default.part`);
      const size = statSync(join(samplesDir, 'alpine.mp4')).size;
      const files = new WindowsLikeFiles();
      files.hold(destination, 'EPERM');
      const job = {
        url: await readyDownload(emulator, alpine.uid),
        partPath,
        destinationPath: destination,
      };
      const semantics = windowsSemantics(files, recordingClock());
      const failure = await resumeTransfer(job, { reserveBytes: 0, files: semantics }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(TransferError);
      expect((failure as TransferError).code).toBe('file_busy');
      expect(decide(failure)).toMatchObject({ next: 'wait', problem: { code: 'file_busy' } });
      expect(statSync(partPath).size).toBe(size);
      expect(existsSync(destination)).toBe(false);

      // Let go: the next attempt finishes from the bytes on disk, fetching nothing again.
      files.release(destination);
      const fetched = deliveryRequests(emulator, alpine.uid).length;
      const outcome = await resumeTransfer(job, { reserveBytes: 0, files: semantics });
      expect(outcome.bytes).toBe(size);
      expect(existsSync(destination)).toBe(true);
      expect(deliveryRequests(emulator, alpine.uid).length - fetched).toBeLessThanOrEqual(1);
    } finally {
      rmSync(library, { recursive: true, force: true });
    }
  });
});
