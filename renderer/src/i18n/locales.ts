import type { LocaleSetting } from '../../../main/contract/index';

/** The languages the app ships, English first: it is the fallback for everything. */
export const shippedLocales = ['en', 'de', 'es', 'ja', 'ar'] as const;
export type ShippedLocale = (typeof shippedLocales)[number];

/** A test/dev-only locale that marks every message, so unwrapped text stands out (see pseudo.ts). */
export const pseudoLocale = 'en-XA';
export type AppLocale = ShippedLocale | typeof pseudoLocale;

const rightToLeft: ReadonlySet<AppLocale> = new Set(['ar']);

function isShipped(tag: string): tag is ShippedLocale {
  return (shippedLocales as readonly string[]).includes(tag);
}

/** The first preferred language (BCP 47, best first) the app ships, by its base language. */
export function matchPreferred(preferred: readonly string[]): ShippedLocale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isShipped(base)) return base;
  }
  return 'en';
}

/** The person's choice in Settings wins; 'system' follows the OS (or the browser's languages). */
export function chooseLocale(setting: LocaleSetting | undefined, preferred: readonly string[]) {
  return setting && setting !== 'system' ? setting : matchPreferred(preferred);
}

export function directionOf(locale: AppLocale): 'rtl' | 'ltr' {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}
