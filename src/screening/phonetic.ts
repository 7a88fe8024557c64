import { doubleMetaphone } from 'double-metaphone';

/**
 * Double Metaphone keys of a word (primary and alternate, de-duplicated). Keys shorter
 * than 3 characters are dropped: "Huawei" codes to "H", which says nothing.
 */
export function phoneticKeys(word: string): string[] {
  if (word.length < 4 || /[0-9?]/.test(word)) return [];
  const [primary, secondary] = doubleMetaphone(word);
  const keys: string[] = [];
  if (primary.length >= 3) keys.push(primary);
  if (secondary.length >= 3 && secondary !== primary) keys.push(secondary);
  return keys;
}

/** Whether two words share a Double Metaphone key. */
export function soundAlike(a: readonly string[], b: readonly string[]): boolean {
  for (const key of a) if (b.includes(key)) return true;
  return false;
}
