import type { Command } from 'commander';
import { listRenditions } from '../../core/app/use-cases/index';
import { resolveConfig } from '../config';
import { EXIT_OK } from '../exit-codes';
import { openSession } from '../session';
import { terminalText } from '../terminal-text';

/** Left-aligned columns two spaces apart, with a header row; every cell safe for a terminal. */
export function formatTable(
  headers: readonly string[],
  cells: readonly (readonly string[])[],
): string {
  const rows = cells.map((row) => row.map((cell) => terminalText(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** `offstream library`: what the local catalogue lists and holds; needs no account. */
export function registerLibraryCommand(program: Command): void {
  program
    .command('library')
    .description('list the local catalogue: saved files with their sizes, hashes and paths')
    .option('--search <words>', 'only videos whose name matches')
    .option('--json', 'print one JSON document')
    .action(async (options: { search?: string; json?: boolean }) => {
      const config = resolveConfig(program.opts());
      const cli = openSession(config, { account: 'optional' });
      try {
        const rows = listRenditions(cli.session, options.search);
        if (options.json) {
          const document = { library: cli.session.folder, videos: rows };
          process.stdout.write(`${JSON.stringify(document)}\n`);
        } else {
          const headers = ['UID', 'NAME', 'KIND', 'STATE', 'BYTES', 'SHA256', 'PATH'];
          const cells = rows.map((r) => [
            r.uid,
            r.name,
            r.kind ?? '-',
            r.state,
            r.bytes === null ? '-' : String(r.bytes),
            r.sha256 ?? '-',
            r.path ?? '-',
          ]);
          process.stdout.write(formatTable(headers, cells));
        }
      } finally {
        await cli.close();
      }
      process.exitCode = EXIT_OK;
    });
}
