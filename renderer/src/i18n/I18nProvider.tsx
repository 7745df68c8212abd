import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { IntlProvider, ReactIntlErrorCode, type ResolvedIntlConfig } from 'react-intl';
import type { LocaleSetting } from '../../../main/contract/index';
import { messagesFor } from './catalogues';
import { type AppLocale, chooseLocale, directionOf, pseudoLocale } from './locales';

type ChooseLocale = (setting: LocaleSetting, systemLanguages: readonly string[]) => void;

const ChooseLocaleContext = createContext<ChooseLocale>(() => {});

/** The pseudo locale has no CLDR data of its own (Intl falls back to English): not worth a word. */
const reportIntlError: ResolvedIntlConfig['onError'] = (error) => {
  if (error.code === ReactIntlErrorCode.MISSING_DATA) return;
  console.error(error);
};

/** The pseudo locale is a test/dev switch only: `?pseudo-locale` on the page's address. */
function pseudoRequested(): boolean {
  return new URLSearchParams(window.location.search).has('pseudo-locale');
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/**
 * The locale the whole renderer speaks, and `lang`/`dir` on the document to match. It starts
 * from the browser's languages (the splash needs words before settings load); the shell then
 * tells it the setting and the OS's languages.
 */
export function I18nProvider(props: { children: ReactNode }) {
  const [locale, setLocale] = useState<AppLocale>(() =>
    pseudoRequested() ? pseudoLocale : chooseLocale('system', browserLanguages()),
  );
  const choose = useCallback<ChooseLocale>((setting, systemLanguages) => {
    if (pseudoRequested()) return;
    const preferred = systemLanguages.length > 0 ? systemLanguages : browserLanguages();
    setLocale(chooseLocale(setting, preferred));
  }, []);
  const messages = useMemo(() => messagesFor(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);

  return (
    <ChooseLocaleContext.Provider value={choose}>
      <IntlProvider
        locale={locale}
        defaultLocale="en"
        messages={messages}
        onError={reportIntlError}
      >
        {props.children}
      </IntlProvider>
    </ChooseLocaleContext.Provider>
  );
}

export function useChooseLocale(): ChooseLocale {
  return useContext(ChooseLocaleContext);
}
