/**
 * Registers a government this deployment hosts (see README, "Many governments in one deployment").
 * First the deployment's own government, whose data is the configured database:
 *   npm run create-tenant -- --home --slug kalsel --name "Provinsi Kalimantan Selatan" --kind provinsi
 * then each other one, with a database of its own made for it:
 *   npm run create-tenant -- --slug banjarmasin --name "Kota Banjarmasin" --kind kota --province kalsel --host banjarmasin.sop.example.go.id
 * Options: --organisation "Bagian Organisasi Setda Kota Banjarmasin" (pages, documents, emails),
 * --timezone WITA, --mail-from "Bagian Organisasi <organisasi@banjarmasinkota.go.id>".
 * Without options it lists the registered governments. Prints the new government's slug.
 */
import type { TenantInput } from '../src/features/tenants/tenants.service';
import { AppError } from '../src/platform/errors';
import { tenantDatabaseMaker, tenantRegistry } from '../src/tenancy';
import { runScript } from './cli';

runScript(async ({ config, database, services, args }) => {
  const registry = tenantRegistry(database, services, config);
  if (Object.keys(args).length === 0) {
    for (const tenant of await registry.list()) console.log([tenant.slug, tenant.kind, tenant.name, tenant.host ?? '-', tenant.database ?? '(home)'].join('\t'));
    return;
  }
  const known = new Set(['home', 'slug', 'name', 'kind', 'province', 'parent', 'organisation', 'timezone', 'mail-from', 'host']);
  const unknown = Object.keys(args).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`unknown option --${unknown[0]} (see the comment at the top of scripts/create-tenant.ts)`);
  for (const required of ['slug', 'name', 'kind'] as const) if (!args[required] || args[required] === 'true') throw new Error(`--${required} is required`);
  const input: TenantInput = {
    slug: args.slug!,
    name: args.name!,
    kind: args.kind!,
    parent: args.province ?? args.parent,
    organisationName: args.organisation,
    timezone: args.timezone,
    mailFrom: args['mail-from'],
    host: args.host,
  };
  try {
    const tenant = args.home ? await registry.registerHome(input) : await registry.register(input, tenantDatabaseMaker(config, database));
    console.error(`registered ${tenant.name} (${tenant.kind}) as ${tenant.slug}${tenant.database ? `, its data in ${tenant.database}` : ', its data the configured database'}`);
    console.error('create its first organiser: npm run create-user -- --tenant ' + tenant.slug + ' --role organiser --email ... --name ...');
    process.stdout.write(`${tenant.slug}\n`);
  } catch (err) {
    // The field a refusal names is the option to fix.
    if (err instanceof AppError) throw new Error(err.errors?.length ? err.errors.map((e) => `--${e.path.replace(/^\/(body\/)?/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${e.message}`).join('; ') : err.message);
    throw err;
  }
});
