import type { Command } from 'commander';
import type { ProgressListener } from '../../core/app/index';
import { exportLibrary } from '../../core/app/use-cases/index';
import { VideoUid } from '../../core/stream/ids';
import { resolveConfig } from '../config';
import { EXIT_OK, UsageError } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

/** One line per file as it starts: `[3/8] copy media/<uid>/default.mp4`. */
export function progressLines(write = (line: string) => process.stderr.write(line)) {
  let current = '';
  const listener: ProgressListener = (p) => {
    if (p.path === current || p.filesDone >= p.filesTotal) return;
    current = p.path;
    write(`${terminalText(`[${p.filesDone + 1}/${p.filesTotal}] ${p.phase} ${p.path}`)}\n`);
  };
  return listener;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `offstream export <dir>`: the saved videos and a manifest of their hashes, for a USB drive. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('copy the saved videos and a manifest of their SHA-256 hashes into a folder')
    .argument('<dir>', 'an empty folder, or a previous export to overwrite')
    .option('--uid <uid>', 'only this video (repeatable)', collect)
    .option('--json', 'print the summary as one JSON document')
    .action(async (dir: string, options: { uid?: string[]; json?: boolean }) => {
      const bad = (options.uid ?? []).filter((uid) => !VideoUid.safeParse(uid).success);
      if (bad.length > 0)
        throw new UsageError(`Not a video id (32 lowercase hex): ${bad.join(', ')}`);
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const report = await exportLibrary(cli.session, dir, {
          ...(options.uid ? { uids: options.uid } : {}),
          onProgress: progressLines(),
        });
        if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          process.stderr.write(
            `Exported ${report.videos.length} videos (${report.files} files, ${report.bytes} bytes) to ${terminalText(report.folder)}.\n`,
          );
        }
        process.exitCode = EXIT_OK;
      } finally {
        await cli.close();
      }
    });
}
