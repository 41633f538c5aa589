import { systemActor } from '../../src/platform/actor';
import { buildTestApp, type TestApp } from '../helpers/app';
import { seedPeriod } from '../helpers/asistensi';
import { contentLines, rawProblems } from '../helpers/ics';
import { startMailCatcher, type MailCatcher, type Received } from '../../scripts/mail-catcher';

const UNIT_MAIL = 'dinas-x@banjarmasinkota.go.id';
const OPERATOR = 'operator@banjarmasinkota.go.id';
// A name that, written as `CN="…\"…"`, closes the parameter and adds an attendee.
const HOSTILE_UNIT = 'Dinas X":MAILTO:attacker@evil.test;X-A="';
const HOSTILE_OPERATOR = 'Rahmat "Amat" ^Hidayat\\';
const HOSTILE_ORGANISATION = 'Bagian Organisasi; Setda: "Kota", ^1';

/** RFC 6868 decoding of a parameter value. */
const decode6868 = (value: string) => value.replace(/\^(\^|n|')/g, (_m, c: string) => (c === '^' ? '^' : c === 'n' ? '\n' : '"'));

/**
 * A content line read by RFC 5545's grammar (`name *(";" param) ":" value`, a parameter value
 * quoted or free of `;:,"`), which node-ical does not follow (it splits quoted values at `;`).
 */
function readLine(line: string): { name: string; params: Record<string, string>; value: string } {
  const grammar = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*)(?:,(?:"[^"]*"|[^;:,"]*))*)*):(.*)$/;
  const match = grammar.exec(line);
  if (!match) throw new Error(`not a content line: ${line}`);
  const params: Record<string, string> = {};
  for (const [, key, value] of match[2]!.matchAll(/;([A-Za-z0-9-]+)=((?:"[^"]*"|[^;:,"]*)(?:,(?:"[^"]*"|[^;:,"]*))*)/g))
    params[key!.toUpperCase()] = decode6868(value!.replace(/^"(.*)"$/, '$1'));
  return { name: match[1]!.toUpperCase(), params, value: match[3]! };
}

interface Party { address: string; name: string }
/** ORGANIZER and ATTENDEEs: address and decoded CN. */
function partiesOf(text: string): { organizer: Party[]; attendees: Party[] } {
  const lines = contentLines(text).map(readLine);
  const parties = (name: string) =>
    lines.filter((l) => l.name === name).map((l) => ({ address: l.value.replace(/^mailto:/i, '').toLowerCase(), name: l.params.CN ?? '' }));
  return { organizer: parties('ORGANIZER'), attendees: parties('ATTENDEE') };
}

let mail: MailCatcher;
let t: TestApp;
beforeAll(async () => {
  mail = await startMailCatcher();
  t = await buildTestApp({ now: '2013-09-30T01:00:00Z', env: { SMTP_URL: mail.url, ORGANISATION_NAME: HOSTILE_ORGANISATION } });
});
afterAll(async () => {
  await t.app.close();
  await mail.close();
});

describe('iCalendar parameter values (RFC 6868)', () => {
  let world: { unitKey: string; bookingId: number; unitId: number };
  beforeAll(async () => {
    const { period, slot } = await seedPeriod(t);
    const unit = await t.make.unit({ code: 'DX', name: HOSTILE_UNIT, email: UNIT_MAIL });
    await t.app.services.users.invite(systemActor, { email: OPERATOR, name: HOSTILE_OPERATOR, role: 'unit', unitId: unit.id, language: 'id' });
    const unitKey = await t.unitKey(unit.id);
    const booked = await t.as(unitKey).post(`/asistensi-periods/${period.id}/bookings`, { slotId: slot('2013-10-21').id });
    expect(booked.status).toBe(201);
    world = { unitKey, bookingId: booked.body.id, unitId: unit.id };
  });

  it('addresses an emailed invitation only to the intended attendees, whatever their names, and keeps the names', async () => {
    await t.app.services.notices.deliverDue();
    for (const recipient of [UNIT_MAIL, OPERATOR]) {
      const invitations = mail.to(recipient).flatMap((r: Received) => r.mail.attachments.filter((a) => a.contentType === 'text/calendar').map((a) => a.content.toString('utf8')));
      expect(invitations.length).toBe(1);
      const invitation = invitations[0]!;
      expect(rawProblems(invitation, { feed: false, method: 'REQUEST' })).toEqual([]);
      const { organizer, attendees } = partiesOf(invitation);
      expect(organizer).toEqual([{ address: expect.any(String), name: HOSTILE_ORGANISATION }]);
      expect(attendees.map((a) => a.address).sort()).toEqual([...new Set([UNIT_MAIL, recipient])].sort());
      expect(attendees.find((a) => a.address === UNIT_MAIL)!.name).toBe(HOSTILE_UNIT);
      if (recipient === OPERATOR) expect(attendees.find((a) => a.address === OPERATOR)!.name).toBe(HOSTILE_OPERATOR);
      const unitLine = contentLines(invitation).find((l) => l.startsWith('ATTENDEE') && l.endsWith(UNIT_MAIL))!;
      expect(unitLine).toContain(`;CN="Dinas X^':MAILTO:attacker@evil.test;X-A=^'":MAILTO:`);
    }
  });

  it('encodes the organiser’s name in the unit feed and the booking file too, folded at 75 octets', async () => {
    const feedUrl = new URL((await t.as(world.unitKey).post(`/units/${world.unitId}/calendar-token`)).body.url as string).pathname;
    const feed = (await t.as().get(feedUrl)).body as string;
    const file = (await t.as(world.unitKey).get(`/bookings/${world.bookingId}.ics`)).body as string;
    expect(rawProblems(feed)).toEqual([]);
    expect(rawProblems(file, { feed: false })).toEqual([]);
    for (const text of [feed, file]) {
      const organizers = contentLines(text).filter((l) => l.startsWith('ORGANIZER'));
      expect(organizers.length).toBeGreaterThan(0);
      for (const line of organizers) expect(line).toMatch(/^ORGANIZER;CN="Bagian Organisasi; Setda: \^'Kota\^', \^\^1":mailto:/);
      expect(partiesOf(text)).toEqual({ organizer: [{ address: expect.any(String), name: HOSTILE_ORGANISATION }], attendees: [] });
    }
  });
});
