/**
 * Characters a terminal acts on rather than shows: C0 and DEL (ESC starts every escape
 * sequence), C1 (an 8-bit CSI or OSC), and the invisible marks that reorder text (bidi marks,
 * overrides and isolates, line separators). Names and messages come from the API, a manifest
 * or a link, so none of these may reach the terminal as they are.
 */
const actedOn: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x2028, 0x202e],
  [0x2066, 0x2069],
];

const newline = 0x0a;

function visible(code: number): string {
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text for a human-readable line: every such character shown as `\x1b` or `\u202e`, so nothing
 * can move the cursor, retitle the window, clear the screen or reorder what is read. Newlines
 * stay only when `lines` says the text may span several.
 */
export function terminalText(text: string, options: { lines?: boolean } = {}): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const keep = options.lines === true && code === newline;
    const acts = !keep && actedOn.some(([low, high]) => code >= low && code <= high);
    out += acts ? visible(code) : char;
  }
  return out;
}
