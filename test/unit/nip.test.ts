import { checkNip, nipDigits } from '../../src/features/participants/participants.rules';
import { normalDate, normalDateTime, normalTime } from '../../src/web/forms';

describe('checkNip', () => {
  it('reads birth date, appointment and sex from a valid NIP', () => {
    expect(checkNip('197503122000031002')).toEqual({ valid: true, birthDate: '1975-03-12', appointment: '2000-03', sex: 'male' });
    expect(checkNip('198002292005012001')).toMatchObject({ valid: true, birthDate: '1980-02-29', sex: 'female' });
  });

  it.each([
    ['19750312200003100', 'must be exactly 18 digits'],
    ['1975031220000310021', 'must be exactly 18 digits'],
    ['19750312200003100A', 'must be exactly 18 digits'],
    ['197502302000031002', 'real birth date'], // 30 February
    ['198102292005012001', 'real birth date'], // 1981 is not a leap year
    ['197513012000031002', 'real birth date'], // month 13
    ['189912312000031002', 'real birth date'], // before 1900
    ['197503122000131002', 'real appointment'], // month 13
    ['197503122000001002', 'real appointment'], // month 00
    ['197503121970031002', 'cannot be before the birth date'],
    ['197503122000033002', 'digit 15 (sex) must be 1 or 2'],
    ['197503122000030002', 'digit 15 (sex) must be 1 or 2'],
  ])('refuses %s (%s)', (nip, reason) => {
    const result = checkNip(nip);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.reason).toContain(reason);
  });
});

describe('which part of a NIP is wrong', () => {
  it.each([
    ['1975031220000310', 'length', '16'],
    ['19750312 2000031002', 'length', '-1'],
    ['197513012000031002', 'birthDate', '19751301'],
    ['197503122000131002', 'appointment', '200013'],
    ['197503121970031002', 'order', '197003'],
    ['197503122000033002', 'sex', '3'],
  ])('%s: %s (%s)', (nip, part, digits) => expect(checkNip(nip)).toMatchObject({ valid: false, part, digits }));

  it('reads a NIP as printed, with spaces or dots, to its digits', () => {
    expect(nipDigits('19800412 200501 1 003')).toBe('198004122005011003');
    expect(nipDigits('19800412.200501.1.003')).toBe('198004122005011003');
  });
});

describe('times and dates as people write them (the page form reader)', () => {
  it.each([
    ['08.00', '08:00'],
    ['8.00', '08:00'],
    ['08:00', '08:00'],
    ['8:00', '08:00'],
    ['15.30', '15:30'],
    ['sore', 'sore'],
    ['8', '8'],
  ])('time %s -> %s', (typed, read) => expect(normalTime(typed)).toBe(read));

  it.each([
    ['2027-12-31', '2027-12-31'],
    ['31/12/2027', '2027-12-31'],
    ['31-12-2027', '2027-12-31'],
    ['31.12.2027', '2027-12-31'],
    ['1/2/2027', '2027-02-01'],
    ['12/31', '12/31'],
  ])('date %s -> %s', (typed, read) => expect(normalDate(typed)).toBe(read));

  it('reads a date and time typed in one field, or nothing', () => {
    expect(normalDateTime('2027-12-31T08:00')).toEqual({ date: '2027-12-31', time: '08:00' });
    expect(normalDateTime('31/12/2027 8.00')).toEqual({ date: '2027-12-31', time: '08:00' });
    expect(normalDateTime('31/02/2027 08.00')).toBeUndefined();
    expect(normalDateTime('besok pagi')).toBeUndefined();
  });
});
