import type { Command } from 'commander';
import { listAccountVideos } from '../../core/app/use-cases/index';
import { resolveConfig } from '../config';
import { EXIT_OK } from '../exit-codes';
import { openSession } from '../session';
import { formatTable } from './library';

/** `offstream videos`: the account's videos, cached into the catalogue for offline browsing. */
export function registerVideosCommand(program: Command): void {
  program
    .command('videos')
    .description("list the account's videos (and remember them for browsing offline)")
    .option('--search <words>', 'only videos whose name matches')
    .option('--json', 'print one JSON document')
    .action(async (options: { search?: string; json?: boolean }) => {
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'required' });
      try {
        const { session, stream } = cli;
        const params = options.search ? { search: options.search } : {};
        const videos = stream ? await listAccountVideos(session, stream, params) : [];
        const rows = videos.map((v) => ({
          uid: v.uid,
          // The catalogue's name: meta.name, else the file name, as every shell shows it.
          name: session.library.getVideo(v.uid)?.name ?? v.uid,
          duration: v.duration,
          state: v.status.state,
          signed: v.requireSignedURLs,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ videos: rows })}\n`);
        } else {
          const headers = ['UID', 'NAME', 'DURATION', 'STATE', 'SIGNED'];
          const cells = rows.map((r) => [
            r.uid,
            r.name,
            r.duration < 0 ? '-' : `${r.duration.toFixed(1)}s`,
            r.state,
            r.signed ? 'yes' : 'no',
          ]);
          process.stdout.write(formatTable(headers, cells));
        }
      } finally {
        await cli.close();
      }
      process.exitCode = EXIT_OK;
    });
}
