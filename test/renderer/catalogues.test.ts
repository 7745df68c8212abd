import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { problemCatalogue } from '../../main/core/problems/catalogue';
import { pseudoLocalize } from '../../renderer/src/i18n/pseudo';

const folder = 'renderer/src/i18n/messages';
const catalogues = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [
      name.replace('.json', ''),
      JSON.parse(readFileSync(join(folder, name), 'utf8')) as Record<string, string>,
    ]),
);
const english = catalogues.en ?? {};
const others = Object.keys(catalogues).filter((locale) => locale !== 'en');

/** Every argument a message takes, with how it is formatted ("count:plural", "name:text"). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (isArgumentElement(element)) into.add(`${element.value}:text`);
    else if (isNumberElement(element)) into.add(`${element.value}:number`);
    else if (isDateElement(element) || isTimeElement(element)) into.add(`${element.value}:date`);
    else if (isPluralElement(element) || isSelectElement(element)) {
      into.add(`${element.value}:${isPluralElement(element) ? 'plural' : 'select'}`);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    } else if (isTagElement(element)) {
      into.add(`<${element.value}>`);
      argumentsOf(element.children, into);
    }
  }
  return into;
}

/** The plural blocks of a message, each with the categories it spells out. */
function pluralsOf(elements: MessageFormatElement[], into: string[][] = []): string[][] {
  for (const element of elements) {
    if (isPluralElement(element) || isSelectElement(element)) {
      if (isPluralElement(element)) into.push(Object.keys(element.options));
      for (const option of Object.values(element.options)) pluralsOf(option.value, into);
    }
  }
  return into;
}

/** Number arguments may be spelled {n, number} or as plural counts (#) in another language. */
function comparable(args: Set<string>): string[] {
  return [...new Set([...args].map((a) => a.replace(/:(number|plural)$/, ':count')))].sort();
}

describe('message catalogues', () => {
  it('ships English, German, Spanish, Japanese and Arabic', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['ar', 'de', 'en', 'es', 'ja']);
    expect(Object.keys(english).length).toBeGreaterThan(300);
  });

  it.each(others)('%s has every key English has, and no other', (locale) => {
    const keys = Object.keys(catalogues[locale] ?? {});
    expect(keys.filter((key) => !(key in english))).toEqual([]);
    expect(Object.keys(english).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it.each(Object.keys(catalogues))('%s: every message parses as ICU', (locale) => {
    const broken = Object.entries(catalogues[locale] ?? {}).flatMap(([id, message]) => {
      try {
        parse(message);
        return [];
      } catch (error) {
        return [`${id}: ${(error as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it.each(others)('%s: every message takes the same arguments as English', (locale) => {
    const differing = Object.entries(english).flatMap(([id, source]) => {
      const translated = catalogues[locale]?.[id];
      if (translated === undefined) return [];
      const want = comparable(argumentsOf(parse(source)));
      const got = comparable(argumentsOf(parse(translated)));
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${id}: ${got} ≠ ${want}`];
    });
    expect(differing).toEqual([]);
  });

  it.each(Object.keys(catalogues))(
    '%s: every plural spells out each category the language has (Arabic: zero…many)',
    (locale) => {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const short = Object.entries(catalogues[locale] ?? {}).flatMap(([id, message]) =>
        pluralsOf(parse(message))
          .filter((categories) => needed.some((c) => !categories.includes(c)))
          .map((categories) => `${id}: has ${categories}, needs ${needed}`),
      );
      expect(short).toEqual([]);
    },
  );

  it('Arabic really uses its six plural categories somewhere', () => {
    const arabic = Object.values(catalogues.ar ?? {}).join('\n');
    for (const category of ['zero', 'one', 'two', 'few', 'many', 'other']) {
      expect(arabic).toContain(`${category} {`);
    }
  });

  it('English problem sentences are main’s catalogue, word for word', () => {
    for (const [code, [message, action]] of Object.entries(problemCatalogue)) {
      expect(english[`problem.${code}.message`], code).toBe(message);
      expect(english[`problem.${code}.action`], code).toBe(action);
    }
  });

  it.each(others)('%s translates every problem code main can send', (locale) => {
    for (const code of Object.keys(problemCatalogue)) {
      expect(catalogues[locale]?.[`problem.${code}.message`], code).not.toBe(
        english[`problem.${code}.message`],
      );
    }
  });

  it('the pseudo locale wraps and accents every message, placeholders untouched', () => {
    const pseudo = pseudoLocalize(english);
    for (const [id, message] of Object.entries(pseudo)) {
      expect(message.startsWith('⟦') && message.endsWith('⟧'), id).toBe(true);
      expect(comparable(argumentsOf(parse(message)))).toEqual(
        comparable(argumentsOf(parse(english[id] ?? ''))),
      );
    }
    expect(pseudo['view.downloads']).toBe('⟦Dówñlóádš⟧');
  });
});
