/**
 * Creates a person's account and prints their one-time set-password link alone on stdout.
 *   npm run create-user -- --role organiser --email ani@example.go.id --name "Ani Wijaya"
 *   npm run create-user -- --role unit --unit DISHUB --email op@example.go.id --name "Budi" [--language en]
 * For someone who already has an account (a forgotten password, a lost link):
 *   npm run create-user -- --email ani@example.go.id --new-link
 */
import { UserCreateBody } from '../src/features/accounts/accounts.schemas';
import { systemActor } from '../src/platform/actor';
import { bodyAjv, toFieldErrors } from '../src/platform/validation';
import { isLanguage } from '../src/platform/language';
import { runScript } from './cli';

runScript(async ({ services, args }) => {
  const { users, units } = services;
  if (!args.email) throw new Error('--email is required');
  const existing = (await users.list(systemActor)).find((user) => user.email.toLowerCase() === args.email!.toLowerCase());
  if (args['new-link']) {
    if (!existing) throw new Error(`no account with email ${args.email}`);
    const link = await users.newLink(systemActor, existing.id);
    console.error(`new set-password link for ${existing.name} <${existing.email}>, valid until ${link.linkExpiresAt}`);
    process.stdout.write(`${link.setPasswordUrl}\n`);
    return;
  }
  if (existing) throw new Error(`${args.email} already has an account; add --new-link for a new set-password link`);
  const role = args.role;
  if (role !== 'organiser' && role !== 'unit') throw new Error('--role must be organiser or unit');
  if (!args.name) throw new Error('--name is required');
  if (args.language !== undefined && !isLanguage(args.language)) throw new Error('--language must be id or en');
  let unitId: number | null = null;
  if (role === 'unit') {
    if (!args.unit) throw new Error('--unit <unitCode> is required for a unit operator');
    const unit = await units.getByCode(args.unit);
    if (!unit) throw new Error(`no unit with code ${args.unit}`);
    unitId = unit.id;
  }
  const input = { role: role as 'organiser' | 'unit', unitId, email: args.email, name: args.name, ...(isLanguage(args.language) ? { language: args.language } : {}) };
  // The same checks as POST /users.
  const valid = bodyAjv.compile(UserCreateBody);
  if (!valid(input)) throw new Error(toFieldErrors(valid.errors ?? [], '').map((e) => `--${e.path.slice(1)} ${e.message}`).join('; '));
  const created = await users.invite(systemActor, input);
  console.error(`created ${role} account #${created.id} for ${created.name} <${created.email}>; the link works once, until ${created.linkExpiresAt}`);
  process.stdout.write(`${created.setPasswordUrl}\n`);
});
