import fs from 'node:fs';
import path from 'node:path';
import { actionWords, auditText, entityWords, fieldWords } from '../../src/features/audit/audit.text';

/**
 * The change log speaks in words: every action and kind of record a feature records has them in
 * both languages. A new `action: '…'` without words in src/features/audit/audit.text.ts fails here.
 */

const FEATURES = path.join(__dirname, '..', '..', 'src', 'features');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/**
 * Every literal of `key: '…'` in the features' code (words files aside: an email's `action` is a
 * button's label), with where it is. Actions are codes such as `booking.autoSchedule`.
 */
function literals(key: 'action' | 'entity') {
  const shape = key === 'action' ? '([A-Za-z]+\\.[A-Za-z]+)' : '([A-Za-z]+)';
  const found = new Map<string, string>();
  for (const file of sources(FEATURES).filter((f) => !f.endsWith('.text.ts'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(new RegExp(`\\b${key}: '${shape}'`, 'g'))) found.set(match[1]!, path.relative(FEATURES, file));
  }
  return found;
}

describe('the change log’s words', () => {
  it('name every action a feature records, in both languages', () => {
    const actions = literals('action');
    // The scan finds them (a change of style would otherwise pass silently).
    expect(actions.size).toBeGreaterThan(40);
    expect(actions.get('booking.autoSchedule')).toBe('bookings/bookings.service.ts');
    const missing = [...actions].filter(([action]) => !Object.hasOwn(auditText.id.actions, action) || !Object.hasOwn(auditText.en.actions, action)).map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it('name every kind of record, in both languages', () => {
    const entities = literals('entity');
    expect(entities.size).toBeGreaterThan(10);
    const missing = [...entities].filter(([entity]) => !Object.hasOwn(auditText.id.entities, entity) || !Object.hasOwn(auditText.en.entities, entity)).map(([e, file]) => `${e} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has words for each action in each language that differ from the code', () => {
    for (const lang of ['id', 'en'] as const)
      for (const [action, words] of Object.entries(auditText[lang].actions)) {
        expect({ action, words: words.trim().length > 0 }).toEqual({ action, words: true });
        expect(words).not.toBe(action);
      }
    // Indonesian and English say different things (not copies).
    expect(auditText.id.actions['booking.autoSchedule']).not.toBe(auditText.en.actions['booking.autoSchedule']);
  });

  it('falls back to the stored code for what it does not know', () => {
    expect(actionWords(auditText.id, 'booking.autoSchedule')).toBe('Jadwal asistensi diatur otomatis');
    expect(actionWords(auditText.en, 'booking.autoSchedule')).toBe('Asistensi session scheduled automatically');
    expect(actionWords(auditText.id, 'robot.dance')).toBe('robot.dance');
    // Not an inherited property either.
    expect(actionWords(auditText.id, 'toString')).toBe('toString');
    expect(entityWords(auditText.id, 'asistensiPeriod')).toBe('Periode asistensi');
    expect(auditText.id.record(entityWords(auditText.id, 'asistensiPeriod'), 1)).toBe('Periode asistensi #1');
    expect(auditText.en.record(entityWords(auditText.en, 'asistensiPeriod'), 1)).toBe('Asistensi period #1');
    expect(entityWords(auditText.en, 'spaceship')).toBe('spaceship');
    expect(fieldWords(auditText.id, 'unitQuota')).toBe('Kuota per unit kerja');
    expect(fieldWords(auditText.en, 'unitQuota')).toBe('Quota per work unit');
    expect(fieldWords(auditText.id, 'someNewField')).toBe('someNewField');
  });
});
