import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Mozilla's list of the 50,000 most used passwords; loaded on first use (sign-up and changes). */
let list: { test(password: string): boolean } | undefined;

export function isCommonPassword(lowered: string): boolean {
  list ??= require('fxa-common-password-list') as { test(password: string): boolean };
  return list.test(lowered);
}
