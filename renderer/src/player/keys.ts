const textInputTypes = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);
const sliderKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
const activationKeys = new Set([' ', 'Enter']);

/**
 * True when the focused element needs this key for itself: typing in a field, stepping a
 * slider, or pressing a focused button. Player shortcuts then stay out of the way.
 */
export function elementOwnsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    if (textInputTypes.has(target.type)) return true;
    if (target.type === 'range') return sliderKeys.has(key);
  }
  const role = target.getAttribute('role') ?? '';
  const pressable = target instanceof HTMLButtonElement || role.startsWith('menuitem');
  return pressable && activationKeys.has(key);
}
