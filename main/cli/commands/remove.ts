import type { Command } from 'commander';
import { VideoUid } from '../../core/stream/ids';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit-codes';
import { type CliSession, openSession } from '../session';
import { terminalText } from '../terminal-text';

function knows(session: CliSession, uid: string): boolean {
  const { library } = session;
  return (
    library.getVideo(uid) !== undefined ||
    library.getFiles(uid).length > 0 ||
    library.listJobs({ uid }).some((job) => job.state !== 'removed')
  );
}

/** `offstream remove <uid>`: stops its downloads and deletes its files; the listing stays. */
export function registerRemoveCommand(program: Command): void {
  program
    .command('remove')
    .description("cancel a video's downloads and delete its saved files")
    .argument('<uid>', 'video id')
    .action(async (uid: string) => {
      if (!VideoUid.safeParse(uid).success) {
        throw new UsageError(`Not a video id (32 lowercase hex): ${uid}`);
      }
      const session = openSession(resolveConfig(program.opts()), { account: 'optional' });
      try {
        if (!knows(session, uid)) {
          process.stderr.write(`The library knows no video ${uid}; nothing was removed.\n`);
          process.exitCode = EXIT_FAILED;
          return;
        }
        for (const kind of ['default', 'audio'] as const) {
          await session.queue.cancel(uid, kind);
          // A finished job would otherwise say "complete" for files that are gone.
          session.library.transitionJob(uid, kind, ['complete'], 'removed');
        }
        const removed = session.library.removeVideoFiles(uid);
        const bytes = removed.reduce((sum, f) => sum + f.bytes, 0);
        const name = session.library.getVideo(uid)?.name ?? uid;
        process.stderr.write(
          `Removed ${terminalText(name)}: ${removed.length} files, ${bytes} bytes.\n`,
        );
        process.exitCode = EXIT_OK;
      } finally {
        await session.close();
      }
    });
}
