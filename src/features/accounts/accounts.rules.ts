import { DateTime } from 'luxon';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export { LANGUAGES, type Language } from '../../platform/language';

export const LINK_PURPOSES = ['invite', 'reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** A set-password link is passed on by WhatsApp or email: three days to open it. */
export const LINK_HOURS = 72;

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes whatever it is given: a cap keeps one request from costing seconds. */
export const PASSWORD_MAX_LENGTH = 200;

/** Words people here choose and attackers try first, whatever digits follow them. */
const LOCAL_WORDS = new Set([
  'indonesia', 'bismillah', 'alhamdulillah', 'sayang', 'sayangku', 'rahasia', 'katasandi', 'katakunci', 'sandi', 'merdeka',
  'jakarta', 'banjarmasin', 'kalimantan', 'pemkot', 'pemda', 'pemkab', 'setda', 'organisasi', 'admin', 'administrator',
  'password', 'passw0rd', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'abcdefghij', 'iloveyou', 'welcome', 'selamat', 'garuda',
]);

/** Words of this service itself, whatever deployment it is: anyone guessing starts with them. */
const SERVICE_WORDS = ['sop', 'jadwal', 'asistensi', 'workshop', 'angkatan'];

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'likeEmail';

/**
 * The deployment's own words, which an attacker who knows where the service runs tries first:
 * the organisation's name (ORGANISATION_NAME) and the programmes' names, and the current year.
 */
export interface PasswordContext {
  names: readonly string[];
  year: number;
}

/** The words (3 letters or more) of the context's names, the service's words and the local words, lower-cased. */
export function contextWords(context: PasswordContext): Set<string> {
  const words = new Set([...LOCAL_WORDS, ...SERVICE_WORDS]);
  for (const name of context.names) for (const word of name.toLowerCase().split(/[^\p{L}]+/u)) if ([...word].length >= 3) words.add(word);
  return words;
}

/**
 * Whether the password is nothing but such words and numbers, whatever is between them:
 * "banjarmasin2027", "jadwalsop2027", "Penyusunan SOP 2027", "2027 2027 2027". Each run of
 * letters must be words of the context run together; numbers are any (as the local words
 * above, whatever digits follow); a password of numbers only is common here when each is the year.
 */
function onlyContext(lowered: string, words: Set<string>, year: number): boolean {
  const runs = lowered.match(/\p{L}+|\p{N}+/gu) ?? [];
  const letters = runs.filter((run) => /^\p{L}/u.test(run));
  if (letters.length === 0) return runs.length > 0 && runs.every((run) => run === String(year));
  return letters.every((run) => splitsInto(run, words));
}

/** Whether `text` is words of the set run together ("jadwalsop"). */
function splitsInto(text: string, words: Set<string>): boolean {
  const reach: boolean[] = [true];
  for (let end = 1; end <= text.length; end++) {
    reach[end] = false;
    for (let start = 0; start < end && !reach[end]; start++) if (reach[start] && words.has(text.slice(start, end))) reach[end] = true;
  }
  return reach[text.length] === true;
}

/**
 * Why a new password would be refused, or undefined. `isCommon` answers from a list of the
 * most used passwords (lower-cased); `context` adds the deployment's own words (see PasswordContext).
 */
export function passwordProblem(password: string, email: string, isCommon: (lowered: string) => boolean, context?: PasswordContext): PasswordProblem | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lowered = password.toLowerCase();
  // "bismillah2024!", "1234567890", "aaaaaaaaaa": a word or a run, whatever is added to it.
  const core = lowered.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (isCommon(lowered) || LOCAL_WORDS.has(core) || /^(.)\1+$/u.test(lowered) || isRun(lowered)) return 'common';
  if (context && onlyContext(lowered, contextWords(context), context.year)) return 'common';
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && (lowered.includes(local) || lowered === email.toLowerCase())) return 'likeEmail';
  return undefined;
}

/** 0123456789, 9876543210, abcdefghijk... */
function isRun(text: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < text.length; i++) steps.add(text.charCodeAt(i) - text.charCodeAt(i - 1));
  return steps.size === 1 && [...steps][0] !== undefined && Math.abs([...steps][0]!) === 1;
}

/**
 * Five wrong passwords for one account, or thirty from one address, lock it for 15 minutes; but
 * not for a browser that signed in to the account before (its device cookie): only five wrong
 * passwords from that browser itself lock it.
 */
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  perAccount: 5,
  perAddress: 30,
  perDevice: 5,
};

/** How long a browser stays known to an account after signing in to it (its device cookie). */
export const DEVICE_DAYS = 365;

/** Whether a device cookie issued at `issuedAt` still vouches for its browser now. */
export const deviceLive = (issuedAt: DateTime, now: DateTime) => issuedAt <= now.plus({ minutes: 5 }) && now < issuedAt.plus({ days: DEVICE_DAYS });

export interface FailureCount {
  failures: number;
  firstFailureAt: string;
  lockedUntil: string | null;
}

/** The count after one more failure: a window that has passed starts again; reaching the limit locks. */
export function afterFailure(previous: FailureCount | undefined, now: DateTime, limit: number): FailureCount {
  const fresh = !previous || DateTime.fromISO(previous.firstFailureAt).plus({ minutes: THROTTLE.windowMinutes }) < now;
  const failures = fresh ? 1 : previous.failures + 1;
  const firstFailureAt = fresh ? now.toUTC().toISO()! : previous.firstFailureAt;
  const lockedUntil = failures >= limit ? now.plus({ minutes: THROTTLE.lockMinutes }).toUTC().toISO()! : fresh ? null : previous.lockedUntil;
  return { failures, firstFailureAt, lockedUntil };
}

/** The count without one attempt that turned out right: a lock that attempt brought about is lifted. */
export function takeBackAttempt(count: FailureCount, limit: number): FailureCount {
  const failures = Math.max(0, count.failures - 1);
  return { ...count, failures, lockedUntil: failures >= limit ? count.lockedUntil : null };
}

/** When a lock ends, if one holds now. */
export function lockedUntil(counts: (FailureCount | undefined)[], now: DateTime): DateTime | undefined {
  const ends = counts.flatMap((c) => (c?.lockedUntil ? [DateTime.fromISO(c.lockedUntil)] : [])).filter((end) => end > now);
  return ends.length ? DateTime.max(...ends) : undefined;
}

/** Sessions end after this long without a request, and in any case after the absolute limit. */
export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export function sessionLive(session: { lastSeenAt: string; expiresAt: string }, now: DateTime, limits: SessionLimits): boolean {
  return now < DateTime.fromISO(session.expiresAt) && now < DateTime.fromISO(session.lastSeenAt).plus({ minutes: limits.idleMinutes });
}

/** last_seen_at is written at most once a minute: a page view should not always be a write. */
export const touchDue = (lastSeenAt: string, now: DateTime) => now.diff(DateTime.fromISO(lastSeenAt)).as('seconds') >= 60;
