import type { Actor } from '../platform/actor';
import type { Language } from '../platform/language';
import type { WebWords } from './web.text';

/** A signed-in person as the pages see them (the accounts service's session, structurally). */
export interface SignedInPerson {
  user: { id: number; name: string; email: string; role: 'organiser' | 'unit'; unitId: number | null; language: Language };
  actor: Actor;
  sessionId: string;
}

/** Where a person starts after signing in, and where error pages lead back to. */
export const homeOf = (role: 'organiser' | 'unit') => (role === 'unit' ? '/unit' : '/organisasi');

/** What every page is rendered with. */
export interface PageContext {
  lang: Language;
  /** The words of the frame every page shares (menu, form checks); each screen has its own text besides. */
  t: WebWords;
  /** The path and query of this page (the language switch and sign-in come back to it). */
  path: string;
  signedIn: SignedInPerson | null;
  /** The visitor's session cookie names a session that has ended (timed out, signed out elsewhere). */
  sessionEnded: boolean;
  /** The token every form of this page carries. */
  csrf: string;
  organisation: string;
  /** The zone for times that belong to no programme (a sign-in lock). */
  defaultZone: string;
}
