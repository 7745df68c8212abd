import { type ReactNode, useState } from 'react';
import type { OffstreamBridge } from '../../../main/contract/index';
import { I18nProvider } from '../i18n/I18nProvider';
import { AnnouncerProvider } from './announcer';
import { JobFeedProvider } from './job-feed';
import { NameBook, NameBookContext } from './names';

/** What every view expects above it: the language, the name book, the live region, the job feed. */
export function AppProviders(props: { bridge: OffstreamBridge; children: ReactNode }) {
  const [names] = useState(() => new NameBook());
  return (
    <I18nProvider>
      <NameBookContext.Provider value={names}>
        <AnnouncerProvider>
          <JobFeedProvider bridge={props.bridge}>{props.children}</JobFeedProvider>
        </AnnouncerProvider>
      </NameBookContext.Provider>
    </I18nProvider>
  );
}
