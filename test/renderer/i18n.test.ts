import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../renderer/src/i18n/catalogues';
import { chooseLocale, directionOf, matchPreferred } from '../../renderer/src/i18n/locales';
import { localizeProblem } from '../../renderer/src/i18n/problem-text';
import { translate } from '../../renderer/src/i18n/use-t';
import { formatBytes, formatDuration, formatSpeed } from '../../renderer/src/ui/format';

function intlFor(locale: 'en' | 'de' | 'es' | 'ja' | 'ar') {
  return createIntl({ locale, messages: messagesFor(locale) });
}

describe('choosing the locale', () => {
  it('takes the first preferred language the app ships, by its base language', () => {
    expect(matchPreferred(['fr-CA', 'de-AT', 'en-US'])).toBe('de');
    expect(matchPreferred(['ar_EG'])).toBe('ar');
    expect(matchPreferred(['zh-Hans', 'pt-BR'])).toBe('en');
    expect(matchPreferred([])).toBe('en');
  });

  it('lets the setting win over the system, and "system" follow it', () => {
    expect(chooseLocale('ja', ['de-DE'])).toBe('ja');
    expect(chooseLocale('system', ['es-MX', 'en'])).toBe('es');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
  });
});

describe('figures through Intl', () => {
  it('writes sizes, speeds and clocks as each locale does', () => {
    expect(formatBytes(2_000, 'en')).toBe('2.0 kB');
    expect(formatSpeed(4_100_000, 'en')).toBe('4.1 MB/s');
    expect(formatSpeed(4_100_000, 'de')).toBe('4,1 MB/s');
    expect(formatBytes(12_000_000, 'ar')).not.toBe(formatBytes(12_000_000, 'en'));
    expect(formatDuration(245, 'en')).toBe('4:05');
    expect(formatDuration(3723, 'en')).toBe('1:02:03');
  });
});

describe('plurals from the catalogues', () => {
  it('says Arabic counts with their own forms', () => {
    const ar = intlFor('ar');
    const paused = (count: number) => translate(ar, 'announce.pausedAll', { count });
    expect(paused(1)).toContain('تنزيل واحد');
    expect(paused(2)).toContain('تنزيلان');
    expect(paused(3)).toContain('تنزيلات');
    expect(paused(11)).toContain('تنزيلًا');
  });

  it('says "1 video" and "2 videos" in English, "1 Video"/"2 Videos" in German', () => {
    expect(translate(intlFor('en'), 'transfer.imported', { count: 1, size: '2.0 kB' })).toBe(
      'Imported 1 video (2.0 kB).',
    );
    expect(translate(intlFor('de'), 'transfer.imported', { count: 2, size: '2,0 kB' })).toBe(
      '2 Videos importiert (2,0 kB).',
    );
  });
});

describe('problems from main', () => {
  const diskFull = {
    code: 'disk_full',
    message: 'There is not enough free space on the disk for this video. (needs 2 GB)',
    action: 'Free some space, then resume.',
  };

  it('keeps main’s English words in English', () => {
    expect(localizeProblem(intlFor('en'), diskFull)).toEqual(diskFull);
  });

  it('translates by code elsewhere, keeping the detail main appended', () => {
    expect(localizeProblem(intlFor('de'), diskFull)).toEqual({
      code: 'disk_full',
      message: 'Auf dem Datenträger ist nicht genug Platz für dieses Video. (needs 2 GB)',
      action: 'Geben Sie Speicherplatz frei und setzen Sie den Download dann fort.',
    });
  });

  it('falls back to main’s English for a code the catalogue does not know', () => {
    const unknown = { code: 'brand_new', message: 'Something new happened.' };
    expect(localizeProblem(intlFor('ja'), unknown)).toEqual(unknown);
  });
});
