import type { TransferSettings, TransferStage } from '../core/transfer/transfer';

const stages: readonly TransferStage[] = ['verifying', 'before_rename', 'after_rename'];

/** Crash tests only: OFFSTREAM_TEST_CRASH_AT=<stage> SIGKILLs the process at that step; unset, no hook. */
export function crashInjection(env: NodeJS.ProcessEnv): Pick<TransferSettings, 'stage'> {
  const wanted = stages.find((stage) => stage === env.OFFSTREAM_TEST_CRASH_AT);
  if (!wanted) return {};
  return {
    stage: (name) => {
      if (name !== wanted) return;
      process.kill(process.pid, 'SIGKILL');
      // SIGKILL is delivered before kill() returns; never settling makes sure nothing runs after.
      return new Promise<void>(() => {});
    },
  };
}
