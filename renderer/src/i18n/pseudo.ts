import {
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

/** Marks around every pseudo-localized message: text on screen without them was never wrapped. */
export const pseudoOpen = '⟦';
export const pseudoClose = '⟧';

const accents: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ó',
  u: 'ú',
  y: 'ý',
  c: 'ç',
  n: 'ñ',
  s: 'š',
  z: 'ž',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ó',
  U: 'Ú',
  Y: 'Ý',
  C: 'Ç',
  N: 'Ñ',
  S: 'Š',
  Z: 'Ž',
};

function accent(text: string): string {
  return text.replace(/[a-zA-Z]/g, (letter) => accents[letter] ?? letter);
}

function accentAll(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === 0) return { ...element, value: accent(element.value) };
    if (isPluralElement(element) || isSelectElement(element)) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: accentAll(option.value) },
        ]),
      );
      return { ...element, options } as MessageFormatElement;
    }
    if (isTagElement(element)) return { ...element, children: accentAll(element.children) };
    return element;
  });
}

/**
 * English with its letters accented and the whole message in ⟦…⟧, placeholders untouched: a
 * screen in this locale shows at a glance (and to a test) which text skipped the catalogues.
 */
export function pseudoLocalize(messages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).map(([id, message]) => [
      id,
      `${pseudoOpen}${printAST(accentAll(parse(message)))}${pseudoClose}`,
    ]),
  );
}
