import { useCallback, useState } from 'react';
import type {
  ArgsOf,
  Channel,
  OffstreamBridge,
  Problem,
  ResultOf,
} from '../../../main/contract/index';
import { useLocalizeProblem } from '../i18n/problem-text';
import { useAnnounce } from './announcer';

export function problemSentence(problem: Problem): string {
  return problem.action ? `${problem.message} ${problem.action}` : problem.message;
}

/**
 * Calls a channel and keeps its Problem for the view to show (and announces it): failures are
 * never swallowed. Resolves to undefined when the call failed.
 */
export function useCall(bridge: OffstreamBridge) {
  const announce = useAnnounce();
  const localize = useLocalizeProblem();
  const [problem, setProblem] = useState<Problem | null>(null);
  const call = useCallback(
    async <C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C> | undefined> => {
      setProblem(null);
      const outcome = await bridge.invoke(channel, args);
      if (outcome.ok) return outcome.value;
      setProblem(outcome.error);
      announce(problemSentence(localize(outcome.error)));
      return undefined;
    },
    [bridge, announce, localize],
  );
  const clearProblem = useCallback(() => setProblem(null), []);
  return { call, problem, clearProblem };
}
