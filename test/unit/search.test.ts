import { containsPattern, searchTerms } from '../../src/platform/search';

describe('the words of a search box', () => {
  it('means everyone when blank', () => {
    expect(searchTerms(undefined)).toBeNull();
    expect(searchTerms('   ')).toBeNull();
  });

  it('looks for a name fragment, spaces collapsed', () => {
    expect(searchTerms('  Ahmad   Fauzi ')).toEqual({ text: 'Ahmad Fauzi', nipDigits: null });
  });

  it('also looks for NIP digits when the words are a NIP, printed with spaces, dots or dashes or not', () => {
    expect(searchTerms('19800412 200501 1 003')).toEqual({ text: '19800412 200501 1 003', nipDigits: '198004122005011003' });
    expect(searchTerms('19800412.200501.1.003')?.nipDigits).toBe('198004122005011003');
    expect(searchTerms('1980-04-12')?.nipDigits).toBe('19800412');
    expect(searchTerms('2005011')?.nipDigits).toBe('2005011');
    expect(searchTerms('Budi 1980')?.nipDigits).toBeNull();
    expect(searchTerms('. -')?.nipDigits).toBeNull();
  });

  it('takes % and _ typed by a person literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
