/** Where a long library operation is, for a progress line or bar. */
export interface PortableProgress {
  phase: 'verify' | 'copy';
  /** The file being read, relative to the library or export folder (`media/<uid>/…`). */
  path: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export type ProgressListener = (progress: PortableProgress) => void;

/** Counts files and bytes across an operation and reports them as they move. */
export function progressCounter(
  phase: PortableProgress['phase'],
  totals: { files: number; bytes: number },
  listener: ProgressListener | undefined,
) {
  const state = { filesDone: 0, bytesDone: 0, path: '', phase };
  const emit = () =>
    listener?.({
      phase: state.phase,
      path: state.path,
      filesDone: state.filesDone,
      filesTotal: totals.files,
      bytesDone: state.bytesDone,
      bytesTotal: totals.bytes,
    });
  return {
    startFile(path: string, filePhase: PortableProgress['phase'] = phase) {
      state.path = path;
      state.phase = filePhase;
      emit();
    },
    addBytes(count: number) {
      state.bytesDone += count;
      emit();
    },
    finishFile() {
      state.filesDone += 1;
      emit();
    },
  };
}
