/**
 * Every trigger of the database, declared in code: the generated ones that raise data versions
 * (for caches) and iCalendar SEQUENCE numbers, and the invariants each feature declares beside
 * its tables. `npm run db:triggers` writes them all into migrations/repeatable/triggers.sql,
 * which the database opener re-creates whenever it changed or a trigger is missing (rebuilding
 * a table drops its triggers): no migration ever pastes them again. The same declarations give
 * PostgreSQL's triggers (migrations/pg/repeatable/triggers.sql): one PL/pgSQL function each.
 */

export type TriggerEvent = 'insert' | 'update' | 'delete';

/** How a row of a table belongs to a scope: `key` is an SQL expression over `$` (the row). */
export interface ScopeSource {
  /** Omitted for a scope without a key ('all'). */
  key?: string;
  /** For updates: only changes of these columns count (default: any). */
  columns?: readonly string[];
  /** Default: all three. */
  on?: readonly TriggerEvent[];
}

/** scope name -> table -> how the table's rows raise that scope. */
export type DataScopes = Readonly<Record<string, Readonly<Record<string, ScopeSource>>>>;

/** A rule that raises `sequence` (and sets `updated_at` from the causing row) on rows of `bump`. */
export interface SequenceRule {
  bump: string;
  table: string;
  on: TriggerEvent;
  columns?: readonly string[];
  /** Which rows of `bump`, over NEW / OLD of the causing row. */
  rows: string;
  /** Also set `updated_at` of the bumped rows to the causing row's `updated_at`. */
  touch?: boolean;
}

/** Where the generated SQL of the two engines differs. */
interface Dialect {
  /** Null-safe "differs": SQLite's `IS NOT` is PostgreSQL's `IS DISTINCT FROM`. */
  distinct: string;
  /** A condition that always holds (SQLite's INSERT … SELECT … ON CONFLICT needs a WHERE). */
  always: string;
  /** Raises the version of the scope `value` names, for each row `where` selects. */
  raise(value: string, where: string): string;
}
const SQLITE: Dialect = {
  distinct: 'IS NOT',
  always: '1',
  raise: (value, where) => `  INSERT INTO feed_versions (scope, version) SELECT ${value}, 1 WHERE ${where}\n    ON CONFLICT (scope) DO UPDATE SET version = version + 1;`,
};
// Inserted, never updated: see feed_version_changes (data-versions.tables.ts).
const POSTGRES: Dialect = {
  distinct: 'IS DISTINCT FROM',
  always: 'true',
  raise: (value, where) => `  INSERT INTO feed_version_changes (scope) SELECT ${value} WHERE ${where};`,
};

const EVENTS: TriggerEvent[] = ['insert', 'update', 'delete'];
const upper = (e: TriggerEvent) => e.toUpperCase();
const changed = (columns: readonly string[] | undefined, d: Dialect) =>
  columns && columns.length ? `(${columns.map((c) => `OLD.${c} ${d.distinct} NEW.${c}`).join(' OR ')})` : undefined;
const all = (d: Dialect, ...conditions: (string | undefined)[]) => conditions.filter(Boolean).join(' AND ') || d.always;

function bump(d: Dialect, scope: string, key: string | undefined, condition?: string): string {
  return d.raise(key === undefined ? `'${scope}'` : `'${scope}:' || (${key})`, all(d, key && `(${key}) IS NOT NULL`, condition));
}

export interface Trigger {
  name: string;
  /** The whole `CREATE TRIGGER` statement (SQLite). */
  sql: string;
  /** PostgreSQL: its function, then the trigger dropped and created again. */
  pg: string;
}

/** What a PostgreSQL row trigger runs on and does. */
interface PgTrigger {
  name: string;
  timing: 'BEFORE' | 'AFTER';
  event: TriggerEvent;
  /** For updates: fire only when one of these columns is set. */
  columns?: readonly string[];
  table: string;
  /** A condition over NEW / OLD, in PostgreSQL. */
  when?: string;
  /** PL/pgSQL statements; the function's RETURN is added after them. */
  body: string;
}

function pgTrigger({ name, timing, event, columns, table, when, body }: PgTrigger): string {
  // A BEFORE trigger returns the row to go on with; an AFTER trigger's result is ignored.
  const result = timing === 'AFTER' ? 'NULL' : event === 'delete' ? 'OLD' : 'NEW';
  const of = columns?.length ? ` OF ${columns.join(', ')}` : '';
  return [
    `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n${body}\n  RETURN ${result};\nEND\n$$;`,
    `DROP TRIGGER IF EXISTS "${name}" ON "${table}";`,
    `CREATE TRIGGER "${name}" ${timing} ${upper(event)}${of} ON "${table}"\nFOR EACH ROW${when ? ` WHEN (${when})` : ''} EXECUTE FUNCTION "${name}"();`,
  ].join('\n');
}

const SQLITE_HEAD = /^(BEFORE|AFTER) (INSERT|UPDATE|DELETE)(?: OF ([\w, ]+?))? ON (\w+)\n(?:WHEN (.+)\n)?BEGIN\n/;

/**
 * A hand-written trigger: its name, what follows `CREATE TRIGGER name` in SQLite, and the
 * PL/pgSQL statements that do the same on PostgreSQL (`RAISE EXCEPTION 'CODE'` for SQLite's
 * `RAISE(ABORT, 'CODE')`). When, on which table and the WHEN condition are read from the
 * SQLite definition, so they are written once.
 */
export function trigger(name: string, definition: string, pgBody: string): Trigger {
  const head = SQLITE_HEAD.exec(definition);
  if (!head) throw new Error(`trigger ${name}: its definition must start "BEFORE|AFTER INSERT|UPDATE [OF columns]|DELETE ON table", then an optional WHEN line, then BEGIN`);
  const [, timing, event, columns, table, when] = head;
  const pg = pgTrigger({
    name,
    timing: timing as PgTrigger['timing'],
    event: event!.toLowerCase() as TriggerEvent,
    columns: columns?.split(',').map((c) => c.trim()),
    table: table!,
    // SQLite's null-safe `a IS NOT b` (not `IS NOT NULL`, the same on both).
    when: when?.replace(/ IS NOT (?!NULL\b)/g, ` ${POSTGRES.distinct} `),
    body: pgBody,
  });
  return { name, sql: `CREATE TRIGGER \`${name}\` ${definition};`, pg };
}

function versionTriggers(scopes: DataScopes): Trigger[] {
  const tables = [...new Set(Object.values(scopes).flatMap((byTable) => Object.keys(byTable)))].sort();
  const triggers: Trigger[] = [];
  for (const table of tables)
    for (const event of EVENTS) {
      const statements = (d: Dialect) => {
        const lines: string[] = [];
        for (const [scope, byTable] of Object.entries(scopes)) {
          const source = byTable[table];
          if (!source || !(source.on ?? EVENTS).includes(event)) continue;
          const key = (row: 'NEW' | 'OLD') => source.key?.replace(/\$/g, row);
          if (event === 'insert') lines.push(bump(d, scope, key('NEW')));
          if (event === 'delete') lines.push(bump(d, scope, key('OLD')));
          if (event === 'update') {
            const when = changed(source.columns, d);
            lines.push(bump(d, scope, key('OLD'), when));
            if (source.key) lines.push(bump(d, scope, key('NEW'), all(d, when, `(${key('NEW')}) ${d.distinct} (${key('OLD')})`)));
          }
        }
        return lines;
      };
      if (statements(SQLITE).length === 0) continue;
      const name = `versions_${table}_${event}`;
      triggers.push({
        name,
        sql: `CREATE TRIGGER \`${name}\` AFTER ${upper(event)} ON \`${table}\`\nBEGIN\n${statements(SQLITE).join('\n')}\nEND;`,
        pg: pgTrigger({ name, timing: 'AFTER', event, table, body: statements(POSTGRES).join('\n') }),
      });
    }
  return triggers;
}

function sequenceTriggers(rules: readonly SequenceRule[]): Trigger[] {
  return rules.map((rule) => {
    const name = `sequence_${rule.bump}_on_${rule.table}_${rule.on}`;
    const columns = rule.on === 'update' ? rule.columns : undefined;
    const of = columns ? ` OF ${columns.join(', ')}` : '';
    const when = (d: Dialect) => (rule.on === 'update' ? changed(rule.columns, d) : undefined);
    const set = `sequence = sequence + 1${rule.touch ? `, updated_at = ${rule.on === 'delete' ? 'OLD' : 'NEW'}.updated_at` : ''}`;
    const update = `  UPDATE ${rule.bump} SET ${set} WHERE ${rule.rows};`;
    return {
      name,
      sql: `CREATE TRIGGER \`${name}\` AFTER ${upper(rule.on)}${of} ON \`${rule.table}\`${when(SQLITE) ? `\nWHEN ${when(SQLITE)}` : ''}\nBEGIN\n${update}\nEND;`,
      pg: pgTrigger({ name, timing: 'AFTER', event: rule.on, columns, table: rule.table, when: when(POSTGRES), body: update }),
    };
  });
}

/** The triggers that keep data versions and event sequences, generated from their declarations. */
export const derivedTriggers = (scopes: DataScopes, sequences: readonly SequenceRule[]): Trigger[] => [...versionTriggers(scopes), ...sequenceTriggers(sequences)];

/** Trigger names created by a file's text. */
export const triggerNamesIn = (sql: string) => [...sql.matchAll(/^CREATE TRIGGER `([^`]+)`/gm)].map((m) => m[1]!);

/** Trigger names created by a PostgreSQL file's text. */
export const pgTriggerNamesIn = (sql: string) => [...sql.matchAll(/^CREATE TRIGGER "([^"]+)"/gm)].map((m) => m[1]!);

function refuseTwice(triggers: readonly Trigger[]) {
  const names = triggers.map((t) => t.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`trigger ${twice} is declared twice`);
}

/** migrations/repeatable/triggers.sql: every trigger, each statement on lines of its own. */
export function renderTriggers(triggers: readonly Trigger[]): string {
  refuseTwice(triggers);
  return `-- Generated by \`npm run db:triggers\` from the declarations in src/features/triggers.ts: do not edit.\n-- Re-created after the migrations whenever this file changes or a trigger is missing.\n\n${triggers.map((t) => t.sql).join('\n\n')}\n`;
}

/**
 * migrations/pg/repeatable/triggers.sql: safe to run again at any time, best as one query (a
 * multi-statement query is one transaction): it drops the schema's triggers no longer declared
 * (and their functions), then replaces each function and re-creates each trigger.
 */
export function renderPgTriggers(triggers: readonly Trigger[]): string {
  refuseTwice(triggers);
  const declared = triggers.map((t) => `'${t.name}'`).join(', ');
  const dropUndeclared = `DO $$
DECLARE
  stale record;
BEGIN
  FOR stale IN
    SELECT t.tgname AS name, t.tgrelid::regclass AS on_table FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace AND t.tgname <> ALL (ARRAY[${declared}])
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', stale.name, stale.on_table);
    EXECUTE format('DROP FUNCTION IF EXISTS %I()', stale.name);
  END LOOP;
END
$$;`;
  return `-- Generated by \`npm run db:triggers\` from the declarations in src/features/triggers.ts: do not edit.\n-- Applied after the migrations; running it again replaces every function and trigger.\n\n${[dropUndeclared, ...triggers.map((t) => t.pg)].join('\n\n')}\n`;
}
