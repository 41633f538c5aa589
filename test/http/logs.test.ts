import { PassThrough } from 'node:stream';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/platform/database';
import { ManualClock } from '../../src/platform/time';
import { systemActor } from '../../src/platform/actor';

it('keeps API keys and calendar tokens out of the logs', async () => {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'trace' }),
    database: openDatabase(':memory:'),
    clock: new ManualClock('2013-10-01T00:00:00Z'),
    logger: { stream },
  });
  try {
    const key = (await app.services.access.create(systemActor, { role: 'organiser', label: 'x' })).key;
    const unit = await app.services.units.create(systemActor, { code: 'DISHUB', name: 'Dinas Perhubungan', kind: 'dinas' });
    const auth = { authorization: `Bearer ${key}` };
    const issued = await app.inject({ method: 'POST', url: `/units/${unit.id}/calendar-token`, headers: auth, payload: {} });
    const feedPath = new URL(issued.json().url).pathname;
    const token = feedPath.split('/').pop()!.replace('.ics', '');
    expect((await app.inject({ url: feedPath })).statusCode).toBe(200);
    expect((await app.inject({ url: `${feedPath}?x=1` })).statusCode).toBe(200);
    // However the path is spelt: percent-encoded, doubled slashes, another case, a query.
    const variants = [
      feedPath.replace('/units/', '/%75nits/'),
      feedPath.replace(token, encodeURIComponent(token).replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)),
      `/${feedPath}`,
      feedPath.replace('/calendars/', '//calendars//'),
      feedPath.toUpperCase(),
      feedPath.replace('/calendars/units/', '/Calendars/Units/'),
      `/units?token=${token}`,
    ];
    for (const url of variants) await app.inject({ url });
    await app.inject({ url: '/units', headers: { authorization: 'Bearer sop_wrongwrongwrongwrongwrongwrongwrongwrong123' } });
    // One line per request, when it is answered: the method, the address (redacted), the status and the time.
    const requests = lines.map((line) => JSON.parse(line) as { msg: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number }).filter((line) => line.req);
    expect(requests).toHaveLength(3 + variants.length + 1);
    expect(requests.every((line) => line.msg === 'request completed' && typeof line.res?.statusCode === 'number' && typeof line.responseTime === 'number')).toBe(true);
    const log = lines.join('\n');
    expect(log).toContain('/calendars/units/[redacted].ics');
    expect(log).not.toContain(token);
    expect(log.toLowerCase()).not.toContain(token.toLowerCase());
    expect(log).not.toContain(token.slice(5, 30));
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(4, 20));
    expect(log).not.toContain('sop_wrongwrong');
  } finally {
    await app.close();
  }
});
