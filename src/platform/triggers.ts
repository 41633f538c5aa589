/**
 * Every trigger of the database, declared in code: the generated ones that raise data versions
 * (for caches) and iCalendar SEQUENCE numbers, and the invariants each feature declares beside
 * its tables. `npm run db:triggers` writes them all into migrations/repeatable/triggers.sql,
 * which the database opener re-creates whenever it changed or a trigger is missing (rebuilding
 * a table drops its triggers): no migration ever pastes them again.
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

const EVENTS: TriggerEvent[] = ['insert', 'update', 'delete'];
const upper = (e: TriggerEvent) => e.toUpperCase();
const changed = (columns: readonly string[] | undefined) =>
  columns && columns.length ? `(${columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')})` : undefined;
const all = (...conditions: (string | undefined)[]) => conditions.filter(Boolean).join(' AND ') || '1';

function bump(scope: string, key: string | undefined, condition?: string): string {
  const value = key === undefined ? `'${scope}'` : `'${scope}:' || (${key})`;
  return `  INSERT INTO feed_versions (scope, version) SELECT ${value}, 1 WHERE ${all(key && `(${key}) IS NOT NULL`, condition)}\n    ON CONFLICT (scope) DO UPDATE SET version = version + 1;`;
}

export interface Trigger {
  name: string;
  /** The whole `CREATE TRIGGER` statement. */
  sql: string;
}

/** A hand-written trigger: its name and what follows `CREATE TRIGGER name`. */
export const trigger = (name: string, definition: string): Trigger => ({ name, sql: `CREATE TRIGGER \`${name}\` ${definition};` });

function versionTriggers(scopes: DataScopes): Trigger[] {
  const tables = [...new Set(Object.values(scopes).flatMap((byTable) => Object.keys(byTable)))].sort();
  const triggers: Trigger[] = [];
  for (const table of tables)
    for (const event of EVENTS) {
      const statements: string[] = [];
      for (const [scope, byTable] of Object.entries(scopes)) {
        const source = byTable[table];
        if (!source || !(source.on ?? EVENTS).includes(event)) continue;
        const key = (row: 'NEW' | 'OLD') => source.key?.replace(/\$/g, row);
        if (event === 'insert') statements.push(bump(scope, key('NEW')));
        if (event === 'delete') statements.push(bump(scope, key('OLD')));
        if (event === 'update') {
          const when = changed(source.columns);
          statements.push(bump(scope, key('OLD'), when));
          if (source.key) statements.push(bump(scope, key('NEW'), all(when, `(${key('NEW')}) IS NOT (${key('OLD')})`)));
        }
      }
      if (statements.length === 0) continue;
      const name = `versions_${table}_${event}`;
      triggers.push({ name, sql: `CREATE TRIGGER \`${name}\` AFTER ${upper(event)} ON \`${table}\`\nBEGIN\n${statements.join('\n')}\nEND;` });
    }
  return triggers;
}

function sequenceTriggers(rules: readonly SequenceRule[]): Trigger[] {
  return rules.map((rule) => {
    const name = `sequence_${rule.bump}_on_${rule.table}_${rule.on}`;
    const of = rule.on === 'update' && rule.columns ? ` OF ${rule.columns.join(', ')}` : '';
    const when = rule.on === 'update' ? changed(rule.columns) : undefined;
    const set = `sequence = sequence + 1${rule.touch ? `, updated_at = ${rule.on === 'delete' ? 'OLD' : 'NEW'}.updated_at` : ''}`;
    return {
      name,
      sql: `CREATE TRIGGER \`${name}\` AFTER ${upper(rule.on)}${of} ON \`${rule.table}\`${when ? `\nWHEN ${when}` : ''}\nBEGIN\n  UPDATE ${rule.bump} SET ${set} WHERE ${rule.rows};\nEND;`,
    };
  });
}

/** The triggers that keep data versions and event sequences, generated from their declarations. */
export const derivedTriggers = (scopes: DataScopes, sequences: readonly SequenceRule[]): Trigger[] => [...versionTriggers(scopes), ...sequenceTriggers(sequences)];

/** Trigger names created by a file's text. */
export const triggerNamesIn = (sql: string) => [...sql.matchAll(/^CREATE TRIGGER `([^`]+)`/gm)].map((m) => m[1]!);

/** migrations/repeatable/triggers.sql: every trigger, each statement on lines of its own. */
export function renderTriggers(triggers: readonly Trigger[]): string {
  const names = triggers.map((t) => t.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Error(`trigger ${twice} is declared twice`);
  return `-- Generated by \`npm run db:triggers\` from the declarations in src/features/triggers.ts: do not edit.\n-- Re-created after the migrations whenever this file changes or a trigger is missing.\n\n${triggers.map((t) => t.sql).join('\n\n')}\n`;
}
