import fs from 'node:fs';
import path from 'node:path';

/**
 * Repositories run on SQLite and on PostgreSQL with the same code. better-sqlite3's terminal
 * calls and SQLite-only SQL break on PostgreSQL: they belong in platform/statements.ts, the
 * one place that knows both engines. The test reads the sources of the data layer.
 */

const root = path.join(__dirname, '..', '..', 'src');
const featuresDir = path.join(root, 'features');

const repositories = fs
  .readdirSync(featuresDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .flatMap((feature) => fs.readdirSync(path.join(featuresDir, feature)).map((file) => path.join('features', feature, file)))
  .filter((file) => file.endsWith('.repository.ts'));
const platformFiles = ['data-versions.ts', 'search.ts', 'sql.ts', 'memo.ts'].map((file) => path.join('platform', file));

/** What only one engine runs, and what to use instead. */
const FORBIDDEN: { pattern: RegExp; instead: string }[] = [
  // On a builder these take no argument; prepared statements are made by prepared() only.
  { pattern: /\.(all|get|run|values)\(\)/, instead: 'rows(), first(), returnedRow() or run() from platform/statements' },
  { pattern: /\.prepare\(/, instead: 'prepared() from platform/statements' },
  { pattern: /\bjson_each\b/i, instead: 'listed() or idIn() from platform/statements' },
  { pattern: /\bjson_group_array\b/i, instead: 'jsonArrayOf() from platform/statements' },
  { pattern: /\bLIKE\s/i, instead: 'containsText() from platform/statements' },
  { pattern: /\b(ifnull|iif|group_concat|strftime|julianday)\s*\(/i, instead: 'SQL both engines run (coalesce, CASE, ...)' },
  { pattern: /\bsum\(\$\{[^}]+\} = /, instead: 'countWhere() from platform/statements (PostgreSQL sums no booleans)' },
  { pattern: /\.\$client\b/, instead: 'drizzle queries' },
];

describe('repositories run on both engines', () => {
  it('finds the files it checks', () => {
    expect(repositories.length).toBeGreaterThanOrEqual(17);
  });

  it.each([...repositories, ...platformFiles])('%s uses only engine-neutral calls and SQL', (file) => {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    const found = lines.flatMap((line, i) =>
      FORBIDDEN.filter(({ pattern }) => pattern.test(line)).map(({ instead }) => `${file}:${i + 1}: ${line.trim()}\n  use ${instead}`),
    );
    expect(found).toEqual([]);
  });

  it('would notice a better-sqlite3 call or SQLite-only SQL', () => {
    const flagged = (line: string) => FORBIDDEN.some(({ pattern }) => pattern.test(line));
    expect(flagged('db.select().from(units).all()')).toBe(true);
    expect(flagged('.where(eq(units.id, id)).get(),')).toBe(true);
    expect(flagged("sql`${units.id} IN (SELECT value FROM json_each(${ids}))`")).toBe(true);
    expect(flagged("sql`${units.name} like ${pattern}`")).toBe(true);
    expect(flagged('rows(db.select().from(units))')).toBe(false);
    expect(flagged('q.byId.get({ id })')).toBe(false);
    expect(flagged('db.insert(units).values({ code })')).toBe(false);
  });
});
