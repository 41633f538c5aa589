import { DateTime } from 'luxon';
import { afterFailure, contextWords, lockedUntil, passwordProblem, sessionLive, takeBackAttempt, THROTTLE } from '../../src/features/accounts/accounts.rules';
import { isCommonPassword } from '../../src/features/accounts/passwords';
import { languageOf } from '../../src/platform/language';
import { formatInstant, formatTimeRange, zoneName } from '../../src/platform/format';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('passwordProblem', () => {
  const check = (password: string, email = 'siti@dishub.example.go.id') => passwordProblem(password, email, isCommonPassword);
  it.each([
    ['pendek', 'tooShort'],
    ['x'.repeat(201), 'tooLong'],
    ['password123', 'common'],
    ['qwertyuiop', 'common'],
    ['Bismillah123', 'common'],
    ['!!indonesia45', 'common'],
    ['aaaaaaaaaaaa', 'common'],
    ['abcdefghijk', 'common'],
    ['9876543210', 'common'],
    ['siti-suka-kopi-pahit', 'likeEmail'],
    ['kopi-pagi-di-martapura', undefined],
    ['Jembatan Barito 1997', undefined],
  ])('%s -> %s', (password, problem) => expect(check(password)).toBe(problem));

  it('counts characters, not bytes', () => {
    expect(check('ééééé-ü')).toBe('tooShort');
    expect(check('sungai-martapura-ü')).toBeUndefined();
  });
});

describe('passwordProblem with the deployment’s own words', () => {
  const context = { names: ['Bagian Organisasi Setda Kota Banjarmasin', 'Penyusunan SOP Kota Banjarmasin 2027'], year: 2027 };
  const check = (password: string) => passwordProblem(password, 'siti@dishub.example.go.id', isCommonPassword, context);
  it.each([
    'banjarmasin2027',
    'Banjarmasin-2027!',
    'jadwalsop2027',
    'Penyusunan SOP 2027',
    'penyusunansop2028',
    'organisasisetda123',
    'SOP Kota Banjarmasin',
    'jadwal-sop-asistensi',
    '2027 2027 2027',
    'bagianorganisasi',
  ])('%s is common', (password) => expect(check(password)).toBe('common'));

  it.each([
    'kopi-pagi-di-martapura',
    'banjarmasin-kopi-pahit',
    'sop-sungai-martapura',
    'Jembatan Barito 1997',
    '2027-08-17-0945',
    // Two-letter words of the names ("di") and partial words are not context words.
    'kotabaru-lama-2027',
  ])('%s is not', (password) => expect(check(password)).toBeUndefined());

  it('takes the year from the context, and no context leaves the older rules alone', () => {
    expect(passwordProblem('jadwalsop2027', 'x@example.go.id', isCommonPassword)).toBeUndefined();
    expect(passwordProblem('1999 1999 1999', 'x@example.go.id', isCommonPassword, { names: [], year: 1999 })).toBe('common');
    expect(passwordProblem('1999 1999 1999', 'x@example.go.id', isCommonPassword, { names: [], year: 2027 })).toBeUndefined();
    expect(contextWords({ names: ['Dinas PU & Penataan Ruang'], year: 2027 })).toEqual(expect.objectContaining({ has: expect.any(Function) }));
    expect([...contextWords({ names: ['Dinas PU & Penataan Ruang'], year: 2027 })]).toEqual(expect.arrayContaining(['dinas', 'penataan', 'ruang', 'sop', 'jadwal']));
    expect(contextWords({ names: ['Dinas PU & Penataan Ruang'], year: 2027 }).has('pu')).toBe(false);
  });
});

describe('sign-in throttling', () => {
  it('locks at the limit, starts a new window after it has passed', () => {
    let count = undefined as ReturnType<typeof afterFailure> | undefined;
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) count = afterFailure(count, at('2013-10-21T01:00:00Z').plus({ minutes: i }), THROTTLE.perAccount);
    expect(count).toMatchObject({ failures: 4, lockedUntil: null });
    expect(lockedUntil([count], at('2013-10-21T01:05:00Z'))).toBeUndefined();
    count = afterFailure(count, at('2013-10-21T01:05:00Z'), THROTTLE.perAccount);
    expect(lockedUntil([count], at('2013-10-21T01:06:00Z'))?.toUTC().toISO()).toBe('2013-10-21T01:20:00.000Z');
    expect(lockedUntil([count, undefined], at('2013-10-21T01:20:01Z'))).toBeUndefined();
    expect(afterFailure(count, at('2013-10-21T01:30:00Z'), THROTTLE.perAccount)).toMatchObject({ failures: 1, lockedUntil: null });
  });
  it('takes back an attempt that was right, lifting the lock it brought about but not an earlier one', () => {
    let count = undefined as ReturnType<typeof afterFailure> | undefined;
    for (let i = 0; i < THROTTLE.perAccount; i++) count = afterFailure(count, at('2013-10-21T01:00:00Z'), THROTTLE.perAccount);
    expect(takeBackAttempt(count!, THROTTLE.perAccount)).toMatchObject({ failures: THROTTLE.perAccount - 1, lockedUntil: null });
    count = afterFailure(count, at('2013-10-21T01:01:00Z'), THROTTLE.perAccount);
    expect(takeBackAttempt(count, THROTTLE.perAccount)).toMatchObject({ failures: THROTTLE.perAccount, lockedUntil: count.lockedUntil });
  });
});

describe('sessionLive', () => {
  const limits = { idleMinutes: 120, absoluteHours: 12 };
  const session = { lastSeenAt: '2013-10-21T01:00:00.000Z', expiresAt: '2013-10-21T13:00:00.000Z' };
  it('ends when idle too long or past the absolute end', () => {
    expect(sessionLive(session, at('2013-10-21T02:59:00Z'), limits)).toBe(true);
    expect(sessionLive(session, at('2013-10-21T03:00:01Z'), limits)).toBe(false);
    expect(sessionLive({ ...session, lastSeenAt: '2013-10-21T12:59:00.000Z' }, at('2013-10-21T13:00:01Z'), limits)).toBe(false);
  });
});

describe('languageOf', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en-US;q=0.8', 'id'],
    ['in-ID', 'id'],
    ['fr-FR,en;q=0.5,id;q=0.8', 'id'],
    ['en;q=0,id', 'id'],
    ['de', 'id'],
  ])('%s -> %s', (header, lang) => expect(languageOf(header)).toBe(lang));
});

describe('dates as Indonesians write them', () => {
  it('writes the day, date, time with a dot and the zone', () => {
    expect(formatInstant('2013-10-21T01:00:00Z', 'Asia/Makassar', 'id')).toBe('Senin, 21 Oktober 2013, 09.00 WITA');
    expect(formatInstant('2013-10-21T09:00:00+08:00', 'Asia/Jakarta', 'id')).toBe('Senin, 21 Oktober 2013, 08.00 WIB');
    expect(formatInstant('2013-10-21T01:00:00Z', 'Asia/Jayapura', 'en')).toBe('Monday, 21 October 2013, 10:00 WIT');
    expect(formatTimeRange('09:00', '11:30', 'Asia/Makassar', 'id')).toBe('09.00–11.30 WITA');
    expect(zoneName('Asia/Kolkata')).toBe('UTC+5:30');
  });
});
