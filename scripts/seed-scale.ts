/**
 * Fills the configured database with N programmes shaped like the seed (100 units, 250
 * officials, 5 batches, a 10-day asistensi period with 20 slots, drafts and bookings each);
 * with --tenants N, registers N kabupaten below the home government instead, each with one
 * such programme in its own database (see README, Many governments in one deployment); with
 * --per-province P as well, below provinces of their own, up to P each, under a kementerian.
 *   npm run seed:scale -- --programmes 500
 *   npm run seed:scale -- --tenants 500
 *   npm run seed:scale -- --tenants 500 --per-province 40
 */
import { SCALE_SHAPE, seedScale, seedTenants } from './scale';
import { runScript } from './cli';

runScript(async ({ database, args, config }) => {
  const started = process.hrtime.bigint();
  if (database.engine !== 'sqlite')
    throw new Error('seed:scale writes a SQLite file directly: seed one (DATABASE_PATH, without DATABASE_URL), then copy it with npm run migrate-to-postgres');
  if (args.tenants !== undefined) {
    const tenants = Number(args.tenants);
    if (!Number.isInteger(tenants) || tenants < 1) throw new Error('--tenants must be a positive whole number');
    const perProvince = args['per-province'] === undefined ? undefined : Number(args['per-province']);
    if (perProvince !== undefined && (!Number.isInteger(perProvince) || perProvince < 1)) throw new Error('--per-province must be a positive whole number');
    const { provinces } = await seedTenants(config, database, tenants, { perProvince });
    const below = provinces.length ? ` below ${provinces.length} new provinces` : '';
    console.error(`added ${tenants} governments of ${SCALE_SHAPE.units} units each${below} beside ${config.databasePath} in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
    return;
  }
  if (args['per-province'] !== undefined) throw new Error('--per-province places the governments of --tenants N: give both');
  const count = Number(args.programmes ?? 500);
  if (!Number.isInteger(count) || count < 1) throw new Error('--programmes must be a positive whole number');
  const { programmeIds } = seedScale(database.sqlite, count);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.error(`added ${programmeIds.length} programmes to ${config.databasePath} in ${seconds.toFixed(1)} s`);
});
