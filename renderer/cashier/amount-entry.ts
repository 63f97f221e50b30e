// What a keypad press does to the text in the amount field (pure, so it is unit-tested).
import { MAX_INPUT_LENGTH } from '../../shared';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '.' | '00' | 'back' | 'clear';

export function applyKey(text: string, key: KeypadKey): string {
  if (key === 'clear') return '';
  if (key === 'back') return text.slice(0, -1);
  if (key === '.' && text.includes('.')) return text;
  if (key === '.' && text === '') return '0.';
  // A leading zero is replaced rather than kept ("05" reads as a typo).
  if (text === '0' && key !== '.') return key === '00' ? '0' : key;
  const next = text + key;
  return next.length > MAX_INPUT_LENGTH ? text : next;
}
