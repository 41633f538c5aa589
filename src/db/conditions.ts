import { sql, type Column, type SQL } from 'drizzle-orm';

const literal = (value: string) => {
  // Only enum literals from our own code come here, never user input.
  if (!/^[a-z_]+$/.test(value)) throw new Error(`not a status literal: ${value}`);
  return sql.raw(`'${value}'`);
};

/*
 * Status conditions with the value written into the SQL text. drizzle's eq() binds values as
 * parameters, and a bound status keeps SQLite from planning with the partial indexes that
 * filter on it (WHERE status = 'active'); it then re-plans the statement at every run.
 */
export const statusIs = (column: Column, value: string): SQL => sql`${column} = ${literal(value)}`;
export const statusIsNot = (column: Column, value: string): SQL => sql`${column} <> ${literal(value)}`;
export const statusIn = (column: Column, values: string[]): SQL => sql`${column} IN (${sql.join(values.map(literal), sql`, `)})`;
