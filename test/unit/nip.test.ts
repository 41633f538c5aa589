import { checkNip } from '../../src/features/participants/participants.rules';

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
