import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { BackupError, checkBackupDatabase } from './backups';
import { migrateDatabase, NEWEST_MIGRATION, newestAppliedMigration } from './migrations';
import { describePostgres, openPostgres, quotedName } from './postgres';
import { serversOf } from './server-presence';

/**
 * `npm run migrate-to-postgres`: copies a stopped SQLite deployment into an empty PostgreSQL
 * database, every row of every table as it is (ids, UIDs, tokens, sessions, keys, the
 * deployment row, audit log, data versions and SEQUENCE numbers), so calendar subscriptions,
 * sessions and API keys carry on as if nothing happened.
 *
 * The copy is one PostgreSQL transaction: a failure leaves the target as empty as it was. The
 * tables' own triggers are disabled inside it (`DISABLE TRIGGER USER`, undone before the
 * commit, so no other session ever sees them off): they guard invariants the source already
 * kept and bump data versions and SEQUENCE numbers, which are copied instead. That needs only
 * the tables' owner, not a superuser; foreign keys, CHECKs and unique indexes stay on and check
 * every copied row (the tables are filled parents first).
 */

export class CopyError extends Error {}

export interface CopySummary {
  /** Rows copied per table, in the order they were copied. */
  tables: { table: string; rows: number }[];
  /** The next id each identity column gives. */
  nextIds: { table: string; column: string; next: number }[];
  /** The source was last run by an older release: a temporary copy of it was migrated first. */
  migratedSource: boolean;
  /** Documents the drafts name: they stay in DOCUMENTS_PATH, which the database does not hold. */
  documents: number;
}

/** Tables of the service; each engine's bookkeeping (`__drizzle_migrations`, `sqlite_sequence`...) is its own. */
const isServiceTable = (name: string) => !name.startsWith('__') && !name.startsWith('sqlite_');



/** The governments a deployment hosts beside its own, each with its own SQLite file (the registry, in the home database). */
export function hostedGovernments(file: string): { slug: string; database: string }[] {
  // A missing file is said by the copy itself.
  if (!fs.existsSync(file)) return [];
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const registry = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tenants'`).get();
    return registry ? (sqlite.prepare('SELECT slug, database FROM tenants WHERE database IS NOT NULL ORDER BY id').all() as { slug: string; database: string }[]) : [];
  } finally {
    sqlite.close();
  }
}

/**
 * `hostedDatabases`: where each hosted government's database is on PostgreSQL (copied there
 * first, each by a copy of its own); the registry's rows are copied naming those. Without it a
 * deployment hosting others is refused.
 */
export async function copyToPostgres(options: { from: string; to: string; hostedDatabases?: (slug: string) => string }): Promise<CopySummary> {
  const source = openSource(options.from);
  try {
    const hosted = source.sqlite.prepare('SELECT slug FROM tenants WHERE database IS NOT NULL').pluck().all() as string[];
    if (hosted.length > 0 && !options.hostedDatabases) throw new CopyError(`this deployment hosts other governments (${hosted.join(', ')}): their databases are moved with npm run migrate-to-postgres`);
    const target = describePostgres(options.to);
    let database: Awaited<ReturnType<typeof openPostgres>>;
    try {
      // Applies the migrations and triggers of this release to the (empty) target.
      database = await openPostgres(options.to, { poolSize: 1 });
    } catch (error) {
      throw new CopyError(`cannot open ${target}: ${messageOf(error)}`);
    }
    try {
      const client = await database.pool.connect();
      try {
        const hostedAt = options.hostedDatabases ? hosted.map((slug) => ({ slug, database: options.hostedDatabases!(slug) })) : [];
        return { ...(await copyTables(source.sqlite, client, target, hostedAt)), migratedSource: source.migrated, documents: source.documents };
      } finally {
        client.release();
      }
    } finally {
      await database.close();
    }
  } finally {
    source.close();
  }
}

/** A server writing on after the copy would lose those writes: the deployment must be stopped. */
export function refuseWhileServed(from: string) {
  const servers = serversOf(from);
  if (servers.length > 0)
    throw new CopyError(
      `A server (process ${servers.join(', ')}) is using ${from}: stop it first (systemctl stop sop-scheduler), then copy, or what it writes after the copy is lost. (If no server runs, and that process is something else, remove ${from}.servers/.)`,
    );
}

/**
 * The SQLite file, checked and read-only. A file last run by an older release is first copied
 * (VACUUM INTO a temporary folder) and the copy migrated, as the server would at its start:
 * the target has this release's tables.
 */
function openSource(from: string) {
  let documents: number;
  try {
    documents = checkBackupDatabase(from).documents.length;
  } catch (error) {
    if (error instanceof BackupError) throw new CopyError(`cannot copy ${from}: ${error.message}`);
    throw error;
  }
  refuseWhileServed(from);
  const sqlite = new Database(from, { readonly: true, fileMustExist: true });
  if ((newestAppliedMigration(sqlite) ?? 0) >= NEWEST_MIGRATION) return { sqlite, documents, migrated: false, close: () => sqlite.close() };

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-migrate-'));
  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    const copy = path.join(folder, 'sop.db');
    sqlite.prepare('VACUUM INTO ?').run(copy);
    sqlite.close();
    const migrated = new Database(copy);
    try {
      migrated.pragma('foreign_keys = ON');
      migrateDatabase(migrated);
    } catch (error) {
      migrated.close();
      throw new CopyError(`cannot copy ${from}: it was last run by an older release, and migrating a copy of it failed: ${messageOf(error)}`);
    }
    return {
      sqlite: migrated,
      documents,
      migrated: true,
      close: () => {
        migrated.close();
        removeFolder();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    removeFolder();
    throw error;
  }
}

interface Column {
  name: string;
  dataType: string;
  identity: boolean;
}

async function copyTables(sqlite: Database.Database, client: pg.PoolClient, target: string, hostedAt: { slug: string; database: string }[]): Promise<Omit<CopySummary, 'migratedSource' | 'documents'>> {
  const schema = await targetSchema(client);
  const order = parentsFirst(schema.tables, schema.references);
  checkSameTables(sqlite, schema.columns);

  // One read transaction on the source: every table from the same moment.
  sqlite.exec('BEGIN');
  await client.query('BEGIN');
  try {
    // Also locks each table against writes (not reads) until the commit: nothing else writes
    // to the target between the check that it is empty and the copy.
    for (const table of order) await disableTriggers(client, table);
    const holding = [];
    for (const table of order) if ((await client.query(`SELECT 1 FROM ${quotedName(table)} LIMIT 1`)).rowCount) holding.push(table);
    if (holding.length > 0)
      throw new CopyError(
        `${target} already holds data (rows in ${holding.join(', ')}): the copy goes only into an empty database, never over another deployment's rows. Create a new database (createdb -O <owner> <name>) and copy into that.`,
      );

    const tables = [];
    for (const table of order) tables.push({ table, rows: await copyTable(sqlite, client, table, schema.columns.get(table)!) });
    // The hosted governments' databases are now on the PostgreSQL server.
    for (const { slug, database } of hostedAt) await client.query('UPDATE tenants SET database = $1 WHERE slug = $2', [database, slug]);
    // setval is never rolled back: if the commit failed, the empty tables' identities would
    // merely start higher, which is harmless.
    const nextIds = await moveIdentitiesPastCopiedIds(sqlite, client, schema.columns);
    for (const table of order) await client.query(`ALTER TABLE ${quotedName(table)} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return { tables, nextIds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error instanceof CopyError ? error : new CopyError(`the copy into ${target} failed, nothing was kept: ${messageOf(error)}`);
  } finally {
    sqlite.exec('ROLLBACK');
  }
}

/** The target's service tables, their columns in order and the foreign keys between them. */
async function targetSchema(client: pg.PoolClient) {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity FROM information_schema.columns AS c
     JOIN information_schema.tables AS t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const columns = new Map<string, Column[]>();
  for (const row of rows.filter((r) => isServiceTable(r.table_name))) {
    const list = columns.get(row.table_name) ?? [];
    list.push({ name: row.column_name, dataType: row.data_type, identity: row.is_identity === 'YES' });
    columns.set(row.table_name, list);
  }
  const references = (
    await client.query<{ child: string; parent: string }>(
      `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint AS k
       JOIN pg_class AS child ON child.oid = k.conrelid JOIN pg_class AS parent ON parent.oid = k.confrelid
       WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`,
    )
  ).rows.filter((r) => isServiceTable(r.child) && r.child !== r.parent);
  return { tables: [...columns.keys()].sort(), columns, references };
}

/** The tables ordered so that each comes after those its foreign keys point to. */
function parentsFirst(tables: string[], references: { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !placed.has(table) && references.every((r) => r.child !== table || placed.has(r.parent)));
    if (ready.length === 0) throw new CopyError(`the foreign keys of ${tables.filter((t) => !placed.has(t)).join(', ')} form a cycle: the copy cannot order these tables`);
    for (const table of ready) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

/** Both databases must have this release's tables, column for column. */
function checkSameTables(sqlite: Database.Database, columns: Map<string, Column[]>) {
  const sourceTables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).filter(isServiceTable);
  const differences = [];
  for (const table of sourceTables.filter((t) => !columns.has(t))) differences.push(`${table} is only in SQLite`);
  for (const table of [...columns.keys()].filter((t) => !sourceTables.includes(t))) differences.push(`${table} is only in PostgreSQL`);
  for (const table of sourceTables.filter((t) => columns.has(t))) {
    const inSource = (sqlite.pragma(`table_info(${quotedName(table)})`) as { name: string }[]).map((c) => c.name);
    const inTarget = columns.get(table)!.map((c) => c.name);
    const onlySource = inSource.filter((c) => !inTarget.includes(c));
    const onlyTarget = inTarget.filter((c) => !inSource.includes(c));
    if (onlySource.length > 0) differences.push(`${table}.${onlySource.join(', ')} only in SQLite`);
    if (onlyTarget.length > 0) differences.push(`${table}.${onlyTarget.join(', ')} only in PostgreSQL`);
  }
  if (differences.length > 0) throw new CopyError(`the SQLite and PostgreSQL tables differ (${differences.join('; ')}): both must be of this release`);
}

async function disableTriggers(client: pg.PoolClient, table: string) {
  try {
    await client.query(`ALTER TABLE ${quotedName(table)} DISABLE TRIGGER USER`);
  } catch (error) {
    if ((error as { code?: string }).code === '42501')
      throw new CopyError(`${messageOf(error)}: the copy turns the tables' triggers off while it runs, which only their owner may do; connect as the user that owns the tables (the one the servers connect as, which created them)`);
    throw error;
  }
}

/** Each column's value as PostgreSQL takes it: SQLite keeps booleans as 0/1 and JSON as text. */
function converterFor(table: string, column: Column): (value: unknown) => unknown {
  if (column.dataType === 'boolean')
    return (value) => {
      if (value === null || value === 0 || value === 1) return value === null ? null : value === 1;
      throw new CopyError(`${table}.${column.name} holds ${JSON.stringify(value)} where a boolean (0 or 1) belongs: the copy stops, nothing was kept`);
    };
  if (column.dataType === 'jsonb' || column.dataType === 'json')
    return (value) => {
      // The text itself: PostgreSQL parses it, with no rounding of numbers by JavaScript.
      if (value === null || typeof value === 'string') return value;
      throw new CopyError(`${table}.${column.name} holds ${JSON.stringify(value)} where JSON text belongs: the copy stops, nothing was kept`);
    };
  return (value) => value;
}

/** A statement's parameters stay under PostgreSQL's 65,535; rows go over in batches of at most 500. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.min(500, Math.floor(65_535 / columns)));

async function copyTable(sqlite: Database.Database, client: pg.PoolClient, table: string, columns: Column[]): Promise<number> {
  const names = columns.map((c) => quotedName(c.name)).join(', ');
  const converters = columns.map((column) => converterFor(table, column));
  const batchSize = rowsPerInsert(columns.length);
  let copied = 0;
  let batch: unknown[][] = [];
  const insert = async () => {
    const values = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`).join(', ');
    try {
      await client.query(`INSERT INTO ${quotedName(table)} (${names}) VALUES ${values}`, batch.flat());
    } catch (error) {
      const detail = (error as { detail?: string }).detail;
      throw new CopyError(`copying ${table} failed, nothing was kept: ${messageOf(error)}${detail ? ` (${detail})` : ''}`);
    }
    copied += batch.length;
    batch = [];
  };
  // Streamed: a large table never sits whole in memory.
  for (const row of sqlite.prepare(`SELECT ${names} FROM ${quotedName(table)}`).raw(true).iterate() as IterableIterator<unknown[]>) {
    batch.push(row.map((value, index) => converters[index]!(value)));
    if (batch.length === batchSize) await insert();
  }
  if (batch.length > 0) await insert();
  return copied;
}

/**
 * New rows must not take a copied id, nor one SQLite gave out before (an AUTOINCREMENT table
 * never reuses the id of a deleted row, which calendars may still name): each identity goes on
 * after the larger of its table's highest id and SQLite's sqlite_sequence.
 */
async function moveIdentitiesPastCopiedIds(sqlite: Database.Database, client: pg.PoolClient, columns: Map<string, Column[]>) {
  const hasSequences = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`).get();
  const issued = new Map(hasSequences ? (sqlite.prepare('SELECT name, seq FROM sqlite_sequence').raw(true).all() as [string, number][]) : []);
  const nextIds = [];
  for (const [table, list] of columns)
    for (const column of list.filter((c) => c.identity)) {
      const { rows } = await client.query<{ highest: number | null }>(`SELECT max(${quotedName(column.name)}) AS highest FROM ${quotedName(table)}`);
      const next = Math.max(rows[0]!.highest ?? 0, issued.get(table) ?? 0) + 1;
      await client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3, false)', [quotedName(table), column.name, next]);
      nextIds.push({ table, column: column.name, next });
    }
  return nextIds;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
