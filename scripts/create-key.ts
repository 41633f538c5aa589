/**
 * Creates an API key and prints the secret alone on stdout.
 *   npm run create-key -- --role organiser --label "Bagian Organisasi"
 *   npm run create-key -- --role unit --unit DISHUB [--label "Dishub operator"]
 */
import { systemActor } from '../src/platform/actor';
import { runScript } from './cli';

runScript(async ({ services, args }) => {
  const role = args.role;
  if (role !== 'organiser' && role !== 'unit') throw new Error('--role must be organiser or unit');
  let unitId: number | null = null;
  if (role === 'unit') {
    if (!args.unit) throw new Error('--unit <unitCode> is required for a unit key');
    const unit = await services.units.getByCode(args.unit);
    if (!unit) throw new Error(`no unit with code ${args.unit}`);
    unitId = unit.id;
  }
  const label = args.label ?? (role === 'organiser' ? 'organiser' : `unit ${args.unit}`);
  const created = await services.access.create(systemActor, { role, unitId, label });
  console.error(`created ${role} key #${created.id} (${created.prefix}...) "${label}"`);
  process.stdout.write(`${created.key}\n`);
});
