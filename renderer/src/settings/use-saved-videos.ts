import { useEffect, useState } from 'react';
import type { ArgsOf, OffstreamBridge } from '../../../main/contract/index';
import { useNames } from '../app/names';
import { type SavedVideos, savedVideos } from '../app/saved-videos';
import { useCall } from '../app/use-call';

/**
 * Every saved video by name, read while `wanted` (null until then), with the problem of a
 * page that could not be read. Every name read goes to the name book, those of videos whose
 * files are gone too, for the lists that hold only uids.
 */
export function useSavedVideos(bridge: OffstreamBridge, wanted: boolean) {
  const names = useNames();
  const { call, problem, clearProblem } = useCall(bridge);
  const [saved, setSaved] = useState<SavedVideos | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    const listPage = async (query: ArgsOf<'catalogue:list'>) => {
      const page = await call('catalogue:list', query);
      if (page) names.remember(page.items);
      return page;
    };
    void savedVideos(listPage, 'name').then((found) => {
      if (current) setSaved(found);
    });
    return () => {
      current = false;
    };
  }, [call, names, wanted]);
  return { saved, problem, clearProblem };
}
