import { openDatabase } from './src/db/client';
import { createServices } from './src/services';
import { systemClock } from './src/lib/time';
import { systemActor } from './src/modules/auth/actor';
import { buildApp } from './src/app';
import { loadConfig } from './src/config';
(async () => {
const d = openDatabase('/tmp/scale.db');
const s = createServices({ db: d.db, clock: systemClock, baseUrl: 'http://x' });
const key = s.keys.create(systemActor, { role: 'organiser', label: 'mb' }).key;
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: d, logger: false });
for (let i = 0; i < 20000; i++) await app.inject({ url: '/asistensi-periods/3/slots', headers: { authorization: `Bearer ${key}` } });
})();
