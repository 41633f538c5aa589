import type { Language } from './language';

/**
 * Words in both languages, side by side: the Indonesian block is the shape, and the English
 * block must have exactly its keys and types (a key missing or extra in either fails `tsc`;
 * English functions take their parameter types from the Indonesian ones). Every output (pages,
 * emails, PDFs, feeds, spreadsheets) takes its words from such blocks, so there is one
 * catalogue, kept beside what it words.
 */
export function bilingual<T>(words: { id: T; en: NoInfer<T> }): Readonly<Record<Language, T>> {
  return words;
}

/** The words of one language of a text block. */
export type WordsOf<B extends Readonly<Record<Language, unknown>>> = B[Language];
