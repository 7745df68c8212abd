import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { FolderPurpose } from '../core/app/index';

const titles: Record<FolderPurpose, { title: string; buttonLabel: string }> = {
  export: { title: 'Export the library to a folder', buttonLabel: 'Export here' },
  import: { title: 'Import a library export', buttonLabel: 'Import' },
  'move-library': { title: 'Move the library to a folder', buttonLabel: 'Move here' },
};

export function folderDialogOptions(purpose: FolderPurpose): OpenDialogOptions {
  return { ...titles[purpose], properties: ['openDirectory', 'createDirectory'] };
}

/** Asks for a folder, attached to our window when there is one; undefined when cancelled. */
export async function chooseFolder(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: BrowserWindow | undefined,
  purpose: FolderPurpose,
): Promise<string | undefined> {
  const options = folderDialogOptions(purpose);
  const answer =
    window && !window.isDestroyed()
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
  return answer.canceled ? undefined : answer.filePaths[0];
}
