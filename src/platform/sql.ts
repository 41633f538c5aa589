import { sql, type Column, type SQL } from 'drizzle-orm';

/** An enum literal of our own code (never user input), checked before it goes into SQL text. */
function checked(value: string): string {
  if (!/^[a-z_]+$/.test(value)) throw new Error(`not an enum literal: ${value}`);
  return `'${value}'`;
}
const literal = (value: string) => sql.raw(checked(value));

/*
 * Status conditions with the value written into the SQL text. drizzle's eq() binds values as
 * parameters, and a bound status keeps SQLite from planning with the partial indexes that
 * filter on it (WHERE status = 'active'); it then re-plans the statement at every run.
 */
export const statusIs = (column: Column, value: string): SQL => sql`${column} = ${literal(value)}`;
export const statusIsNot = (column: Column, value: string): SQL => sql`${column} <> ${literal(value)}`;
export const statusIn = (column: Column, values: string[]): SQL => sql`${column} IN (${sql.join(values.map(literal), sql`, `)})`;

/** `'a', 'b'` for a CHECK (... IN (...)) over an enum of our own. */
export const inList = (values: readonly string[]) => sql.raw(values.map(checked).join(', '));
