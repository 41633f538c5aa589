import type { Language } from '../platform/language';
import { en } from './messages/en';
import { id, type Messages } from './messages/id';

export type { Messages };

const CATALOGUES: Record<Language, Messages> = { id, en };

export const messagesFor = (lang: Language): Messages => CATALOGUES[lang];
