import { sql, type Column, type SQL } from 'drizzle-orm';
import { containsText } from './statements';

export { containsPattern } from './statements';

/** What one search box looks for: a fragment of a name, and the digits of a NIP when the words are one (printed or not). */
export interface SearchTerms {
  /** The words as typed, spaces collapsed: matched anywhere in a name. */
  text: string;
  /** The digits, when the words are only digits, spaces, dots and dashes ("19800412 200501 1 003", "19800412.2005"). */
  nipDigits: string | null;
}

/** The search box's words as terms; nothing (blank) means everyone. */
export function searchTerms(typed: string | undefined | null): SearchTerms | null {
  const text = (typed ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  const digits = text.replace(/[\s.-]/g, '');
  return { text, nipDigits: /^[\d\s.-]+$/.test(text) && /^\d+$/.test(digits) ? digits : null };
}

/** The SQL condition: the name contains the words (any case), or the NIP contains the digits. */
export function matchesSearch(name: Column, nip: Column, terms: SearchTerms): SQL {
  const byName = containsText(name, terms.text);
  return terms.nipDigits === null ? byName : sql`(${byName} OR ${containsText(nip, terms.nipDigits)})`;
}
