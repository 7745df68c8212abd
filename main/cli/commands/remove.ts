import type { Command } from 'commander';
import { AppError } from '../../core/app/errors';
import { removeVideo } from '../../core/app/use-cases/index';
import { VideoUid } from '../../core/stream/ids';
import { resolveConfig } from '../config';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

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
      const cli = openSession(resolveConfig(program.opts()), { account: 'optional' });
      try {
        const removed = await removeVideo(cli.session, uid);
        process.stderr.write(
          `Removed ${terminalText(removed.name)}: ${removed.files.length} files, ${removed.bytes} bytes.\n`,
        );
        process.exitCode = EXIT_OK;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'video_not_found')) throw error;
        process.stderr.write(`The library knows no video ${uid}; nothing was removed.\n`);
        process.exitCode = EXIT_FAILED;
      } finally {
        await cli.close();
      }
    });
}
