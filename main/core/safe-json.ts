/** The JSON a file or header holds, or undefined when it is not JSON: the caller's schema decides. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
