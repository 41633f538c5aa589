import fs from 'node:fs';
import path from 'node:path';
import { Column, SQL, Table, is, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PgDialect, PgTable, getTableConfig as getPgTableConfig } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as getSqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { Pool } from 'pg';
import { pgTablesFileFor, renderPgTables, sqliteTableFiles, toPostgresSql } from '../../scripts/generate-pg-tables';
import { openDatabase } from '../../src/platform/database';
import { startPostgres, type PostgresCluster } from '../helpers/postgres';

/**
 * PostgreSQL's tables are generated from SQLite's (npm run db:pg-tables) and its schema from
 * them (npm run db:generate:pg): both engines must enforce the same constraints.
 */
const root = path.join(__dirname, '..', '..');
const PG_MIGRATIONS = path.join(root, 'migrations', 'pg');
const files = sqliteTableFiles();

describe('generated PostgreSQL tables', () => {
  it('are found beside every table description file', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
  });

  it.each(files)('%s: its .tables.pg.ts is up to date (run `npm run db:pg-tables` then `npm run db:generate:pg`)', (file) => {
    expect(fs.readFileSync(path.join(root, pgTablesFileFor(file)), 'utf8')).toBe(renderPgTables(file));
  });

  it('rewrite SQLite-only SQL for PostgreSQL', () => {
    expect(toPostgresSql(' IS NOT ')).toBe(' IS DISTINCT FROM ');
    expect(toPostgresSql(') IS (')).toBe(') IS NOT DISTINCT FROM (');
    expect(toPostgresSql(' IS NOT NULL AND x IS NULL')).toBe(' IS NOT NULL AND x IS NULL');
    expect(() => toPostgresSql('ifnull(')).toThrow(/SQLite-only/);
  });
});

/*
 * The row types repositories see are the same on both engines (checked by tsc). Inserts are
 * compared with every column required: an integer primary key without autoincrement is optional
 * in SQLite (the rowid fills it) but not in PostgreSQL, and the code always names it.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Rows<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] extends Table ? [InferSelectModel<M[K]>, Required<InferInsertModel<M[K]>>] : never };
type SameRows<S, P> = Same<Rows<S>, Rows<P>>;
const sameRowTypes: [
  SameRows<typeof import('../../src/features/access/access.tables'), typeof import('../../src/features/access/access.tables.pg')>,
  SameRows<typeof import('../../src/features/accounts/accounts.tables'), typeof import('../../src/features/accounts/accounts.tables.pg')>,
  SameRows<typeof import('../../src/features/audit/audit.tables'), typeof import('../../src/features/audit/audit.tables.pg')>,
  SameRows<typeof import('../../src/features/bookings/bookings.tables'), typeof import('../../src/features/bookings/bookings.tables.pg')>,
  SameRows<typeof import('../../src/features/drafts/drafts.tables'), typeof import('../../src/features/drafts/drafts.tables.pg')>,
  SameRows<typeof import('../../src/features/holidays/holidays.tables'), typeof import('../../src/features/holidays/holidays.tables.pg')>,
  SameRows<typeof import('../../src/features/outbox/outbox.tables'), typeof import('../../src/features/outbox/outbox.tables.pg')>,
  SameRows<typeof import('../../src/features/participants/participants.tables'), typeof import('../../src/features/participants/participants.tables.pg')>,
  SameRows<typeof import('../../src/features/partners/partners.tables'), typeof import('../../src/features/partners/partners.tables.pg')>,
  SameRows<typeof import('../../src/features/periods/periods.tables'), typeof import('../../src/features/periods/periods.tables.pg')>,
  SameRows<typeof import('../../src/features/programmes/programmes.tables'), typeof import('../../src/features/programmes/programmes.tables.pg')>,
  SameRows<typeof import('../../src/features/requests/requests.tables'), typeof import('../../src/features/requests/requests.tables.pg')>,
  SameRows<typeof import('../../src/features/tenants/tenants.tables'), typeof import('../../src/features/tenants/tenants.tables.pg')>,
  SameRows<typeof import('../../src/features/units/units.tables'), typeof import('../../src/features/units/units.tables.pg')>,
  SameRows<typeof import('../../src/features/walk-ins/walk-ins.tables'), typeof import('../../src/features/walk-ins/walk-ins.tables.pg')>,
  SameRows<typeof import('../../src/features/workshops/workshops.tables'), typeof import('../../src/features/workshops/workshops.tables.pg')>,
  SameRows<typeof import('../../src/platform/data-versions.tables'), typeof import('../../src/platform/data-versions.tables.pg')>,
  SameRows<typeof import('../../src/platform/deployment.tables'), typeof import('../../src/platform/deployment.tables.pg')>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

it('the row types of each table are the same on both engines (checked by tsc)', () => {
  expect(sameRowTypes).toHaveLength(files.length);
});

/** Column classes of the two engines that hold the same values. */
const TYPE_CLASS: Record<string, string> = {
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteReal: 'double',
  PgInteger: 'integer',
  PgBoolean: 'boolean',
  PgText: 'text',
  PgJsonb: 'json',
  PgDoublePrecision: 'double',
};

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** One engine's description of a table, in terms both engines share. */
function describeTable(table: SQLiteTable | PgTable) {
  const sqlite = is(table, SQLiteTable);
  const config = sqlite ? getSqliteTableConfig(table) : getPgTableConfig(table as PgTable);
  // SQL fragments as PostgreSQL will read them: SQLite's go through the generator's rewrite.
  const text = (fragment: SQL) => (sqlite ? toPostgresSql(sqliteDialect.sqlToQuery(fragment).sql) : pgDialect.sqlToQuery(fragment).sql);
  const columnNames = (columns: Column[]) => columns.map((column) => column.name);
  return {
    name: config.name,
    columns: config.columns
      .map((column) => ({
        name: column.name,
        type: TYPE_CLASS[column.columnType] ?? column.columnType,
        notNull: column.notNull,
        default: is(column.default, SQL) ? text(column.default) : column.default,
        primary: column.primary,
        identity: sqlite ? (column as unknown as { autoIncrement?: boolean }).autoIncrement === true : column.generatedIdentity?.type === 'byDefault',
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((key) => columnNames(key.columns)),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name,
        on: index.columns.map((column) => (is(column, SQL) ? text(column) : (column as { name: string }).name)),
        unique: index.unique,
        where: index.where ? text(index.where) : null,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    checks: config.checks.map((check) => ({ name: check.name, sql: text(check.value) })).sort((a, b) => a.name.localeCompare(b.name)),
    uniqueConstraints: config.uniqueConstraints.map((unique) => ({ name: unique.name, columns: columnNames(unique.columns) })),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          name: key.getName(),
          columns: columnNames(reference.columns),
          foreignTable: getTableNameOf(reference.foreignTable),
          foreignColumns: columnNames(reference.foreignColumns),
          onDelete: key.onDelete ?? 'no action',
          onUpdate: key.onUpdate ?? 'no action',
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const getTableNameOf = (table: Table) => (is(table, SQLiteTable) ? getSqliteTableConfig(table).name : getPgTableConfig(table as PgTable).name);

const tablesIn = <T extends Table>(file: string, kind: typeof SQLiteTable | typeof PgTable) =>
  Object.fromEntries(Object.entries(require(path.join(root, file)) as Record<string, unknown>).filter(([, value]) => is(value, kind))) as Record<string, T>;

describe.each(files)('%s and its PostgreSQL twin', (file) => {
  const sqliteTables = tablesIn<SQLiteTable>(file, SQLiteTable);
  const pgTables = tablesIn<PgTable>(pgTablesFileFor(file), PgTable);

  it('export the same tables', () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
  });

  it.each(Object.keys(sqliteTables))('%s: same columns, keys, indexes, checks and foreign keys', (name) => {
    expect(describeTable(pgTables[name]!)).toEqual(describeTable(sqliteTables[name]!));
  });
});

/** What a schema enforces, counted from the database's own catalogue. */
interface Catalogue {
  checks: string[];
  /** Index name -> unique/partial (indexes of primary keys and UNIQUE constraints left out). */
  indexes: Record<string, { unique: boolean; partial: boolean }>;
  /** `table(columns) -> table(columns) on delete action` */
  foreignKeys: string[];
  primaryKeys: string[];
}

async function sqliteCatalogue(): Promise<Catalogue> {
  const database = await openDatabase(':memory:');
  try {
    const all = <T>(query: string) => database.sqlite.prepare(query).all() as T[];
    const tables = all<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'`);
    const indexes = all<{ name: string; unique: number; partial: number }>(
      `SELECT il.name, il."unique", il.partial FROM sqlite_master m, pragma_index_list(m.name) il WHERE m.type = 'table' AND il.origin = 'c'`,
    );
    const foreignKeys = all<{ key: string }>(
      `SELECT m.name || '(' || group_concat(fk."from", ',') || ') -> ' || fk."table" || '(' || group_concat(fk."to", ',') || ') on delete ' || lower(fk.on_delete) AS key
         FROM sqlite_master m, pragma_foreign_key_list(m.name) fk WHERE m.type = 'table' GROUP BY m.name, fk.id ORDER BY m.name, fk.id, fk.seq`,
    );
    const primaryKeys = all<{ name: string }>(`SELECT DISTINCT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.pk > 0`);
    const names = new Set(tables.map((table) => table.name));
    return {
      // SQLite keeps no catalogue of CHECKs: they are read from each table's CREATE statement.
      checks: tables.flatMap((table) => [...table.sql.matchAll(/CONSTRAINT\s+"([^"]+)"\s+CHECK\s*\(/g)].map((match) => match[1]!)).sort(),
      indexes: Object.fromEntries(indexes.map((index) => [index.name, { unique: index.unique === 1, partial: index.partial === 1 }])),
      foreignKeys: foreignKeys.map((row) => row.key).sort(),
      primaryKeys: primaryKeys.map((row) => row.name).filter((name) => names.has(name)).sort(),
    };
  } finally {
    database.close();
  }
}

async function pgCatalogue(pool: Pool): Promise<Catalogue> {
  const rows = async <T>(query: string) => (await pool.query(query)).rows as T[];
  const columnsOf = (keys: string, table: string) =>
    `(SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(${keys}) WITH ORDINALITY k(attnum, i) JOIN pg_attribute a ON a.attrelid = ${table} AND a.attnum = k.attnum)`;
  const constraints = await rows<{ kind: string; name: string; table: string; key: string | null }>(
    `SELECT c.contype AS kind, c.conname AS name, t.relname AS table,
            t.relname || '(' || ${columnsOf('c.conkey', 'c.conrelid')} || ') -> ' || f.relname || '(' || ${columnsOf('c.confkey', 'c.confrelid')} || ') on delete '
              || CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END AS key
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class f ON f.oid = c.confrelid
      WHERE n.nspname = 'public'`,
  );
  const indexes = await rows<{ name: string; unique: boolean; partial: boolean }>(
    `SELECT i.relname AS name, x.indisunique AS unique, x.indpred IS NOT NULL AS partial
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE n.nspname = 'public' AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  const of = (kind: string) => constraints.filter((constraint) => constraint.kind === kind);
  expect(of('u')).toEqual([]);
  return {
    checks: of('c').map((check) => check.name).sort(),
    indexes: Object.fromEntries(indexes.map((index) => [index.name, { unique: index.unique, partial: index.partial }])),
    foreignKeys: of('f').map((key) => key.key!).sort(),
    primaryKeys: of('p').map((key) => key.table).sort(),
  };
}

const count = (catalogue: Catalogue) => {
  const indexes = Object.values(catalogue.indexes);
  return {
    checks: catalogue.checks.length,
    foreignKeys: catalogue.foreignKeys.length,
    primaryKeys: catalogue.primaryKeys.length,
    indexes: indexes.length,
    unique: indexes.filter((index) => index.unique).length,
    partial: indexes.filter((index) => index.partial).length,
  };
};

describe('the PostgreSQL migrations (migrations/pg)', () => {
  let cluster: PostgresCluster;
  let pool: Pool;

  beforeAll(async () => {
    cluster = await startPostgres();
    pool = new Pool({ connectionString: await cluster.createDatabase('schema') });
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
  });

  it('apply to an empty database and enforce what the SQLite database made by the project’s opener does', async () => {
    await migrate(drizzle(pool), { migrationsFolder: PG_MIGRATIONS });
    const [pg, sqlite] = [await pgCatalogue(pool), await sqliteCatalogue()];
    expect(count(pg)).toEqual(count(sqlite));
    expect(pg).toEqual(sqlite);
  });
});
