/**
 * Writes, beside every src/features/<feature>/<name>.tables.ts and src/platform/<name>.tables.ts,
 * a <name>.tables.pg.ts declaring the same tables with drizzle's pg-core (npm run db:pg-tables).
 * The table declarations are rewritten as source text, not rebuilt at run time, so every
 * column keeps its `$type<...>()` and the repositories get the same row types on both engines.
 * Only the `sqliteTable(...)` declarations and the imports they use are carried over: triggers
 * declared in the same files are rendered for each engine by `npm run db:triggers`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/** The SQLite table description files, relative to the project root, in a stable order. */
export function sqliteTableFiles(): string[] {
  const features = path.join(ROOT, 'src', 'features');
  const inFeatures = fs
    .readdirSync(features, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => fs.readdirSync(path.join(features, entry.name)).map((file) => path.join('src', 'features', entry.name, file)));
  const inPlatform = fs.readdirSync(path.join(ROOT, 'src', 'platform')).map((file) => path.join('src', 'platform', file));
  return [...inFeatures, ...inPlatform].filter((file) => file.endsWith('.tables.ts')).sort();
}

/** Where the PostgreSQL twin of a table description file goes. */
export const pgTablesFileFor = (sqliteFile: string) => sqliteFile.replace(/\.tables\.ts$/, '.tables.pg.ts');

const SQLITE_CORE = 'drizzle-orm/sqlite-core';
/** sqlite-core helpers with a pg-core namesake that takes the same arguments. */
const SAME_IN_PG = new Set(['check', 'foreignKey', 'index', 'primaryKey', 'unique', 'uniqueIndex']);
const COLUMN_BUILDERS = new Set(['integer', 'text', 'real']);
/** SQLite functions PostgreSQL does not have: a CHECK or index condition using one must be written portably. */
const SQLITE_ONLY_FUNCTIONS = /\b(ifnull|iif|instr|glob|datetime|julianday|strftime|unixepoch|printf|randomblob|json_\w+)\s*\(/i;

class Unsupported extends Error {}

/** An edit of the source text: [start, end) becomes `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * SQLite's `a IS b` / `a IS NOT b` compare NULLs as values; PostgreSQL spells them
 * `IS NOT DISTINCT FROM` / `IS DISTINCT FROM` (its `IS` takes only NULL, TRUE, FALSE...).
 * Keywords are upper case in this code base, so quoted lower-case text is left alone.
 */
export function toPostgresSql(fragment: string): string {
  if (SQLITE_ONLY_FUNCTIONS.test(fragment)) throw new Unsupported(`SQLite-only function in SQL fragment: ${fragment.trim()}`);
  return fragment
    .replace(/\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|UNKNOWN\b|DISTINCT\b)/g, 'IS DISTINCT FROM ')
    .replace(/\bIS\s+(?!NOT\b|NULL\b|TRUE\b|FALSE\b|UNKNOWN\b|DISTINCT\b)/g, 'IS NOT DISTINCT FROM ');
}

const isTableCall = (node: ts.Node): node is ts.CallExpression => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'sqliteTable';

/** The options object of a column builder as plain values (`{ mode: 'json' }`). */
function literalOptions(node: ts.Expression | undefined, sourceFile: ts.SourceFile): Record<string, string> {
  if (!node) return {};
  if (!ts.isObjectLiteralExpression(node)) throw new Unsupported(`column options must be an object literal: ${node.getText(sourceFile)}`);
  const options: Record<string, string> = {};
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) throw new Unsupported(`unexpected column option: ${property.getText(sourceFile)}`);
    options[property.name.text] = property.initializer.getText(sourceFile);
  }
  return options;
}

/** The pg-core builder call for an sqlite-core column builder call (`integer('x', { mode: 'boolean' })` -> `boolean('x')`). */
function pgColumnBuilder(call: ts.CallExpression, builder: string, sourceFile: ts.SourceFile): { name: string; text: string } {
  const [columnName, optionsNode, ...rest] = call.arguments;
  if (!columnName || rest.length > 0) throw new Unsupported(`unexpected column builder call: ${call.getText(sourceFile)}`);
  const nameText = columnName.getText(sourceFile);
  const options = literalOptions(optionsNode, sourceFile);
  const mode = options.mode?.replace(/['"]/g, '');
  const unknown = Object.keys(options).filter((key) => key !== 'mode');
  if (builder === 'integer' && unknown.length === 0) {
    if (mode === undefined || mode === 'number') return { name: 'integer', text: `integer(${nameText})` };
    if (mode === 'boolean') return { name: 'boolean', text: `boolean(${nameText})` };
  }
  if (builder === 'text' && unknown.length === 0) {
    if (mode === undefined || mode === 'text') return { name: 'text', text: `text(${nameText})` };
    if (mode === 'json') return { name: 'jsonb', text: `jsonb(${nameText})` };
  }
  if (builder === 'real' && !optionsNode) return { name: 'doublePrecision', text: `doublePrecision(${nameText})` };
  // Timestamps stay ISO text on both engines; anything else new needs a mapping here first.
  throw new Unsupported(`no PostgreSQL column for ${call.getText(sourceFile)}: map it in scripts/generate-pg-tables.ts`);
}

/** Identifiers a node reads (not property names, not object keys). */
function identifiersUsed(node: ts.Node, into: Set<string>): Set<string> {
  const visit = (child: ts.Node) => {
    if (ts.isIdentifier(child)) {
      const parent = child.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === child) || (ts.isPropertyAssignment(parent) && parent.name === child);
      if (!isPropertyName) into.add(child.text);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return into;
}

/** The import statements the generated file needs, in the order of the source's own. */
function pgImports(sourceFile: ts.SourceFile, used: Set<string>, pgCoreNames: Set<string>): string[] {
  const lines: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (from === SQLITE_CORE) {
      lines.push(`import { ${[...pgCoreNames].sort().join(', ')} } from 'drizzle-orm/pg-core';`);
      continue;
    }
    if (!clause) continue;
    const target = from.endsWith('.tables') ? `${from}.pg` : from;
    const parts: string[] = [];
    if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && used.has(bindings.name.text)) parts.push(`* as ${bindings.name.text}`);
    if (bindings && ts.isNamedImports(bindings)) {
      const names = bindings.elements
        .filter((element) => used.has(element.name.text))
        .map((element) => `${element.isTypeOnly ? 'type ' : ''}${element.propertyName ? `${element.propertyName.text} as ` : ''}${element.name.text}`);
      if (names.length > 0) parts.push(`{ ${names.join(', ')} }`);
    }
    if (parts.length > 0) lines.push(`import ${clause.isTypeOnly ? 'type ' : ''}${parts.join(', ')} from '${target}';`);
  }
  return lines;
}

/** The text of a statement with its leading comments, with the edits inside it applied. */
function rewrite(statement: ts.Statement, sourceFile: ts.SourceFile, edits: Edit[]): string {
  const text = sourceFile.getFullText();
  const comments = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  const start = comments[0]?.pos ?? statement.getStart(sourceFile);
  let out = text.slice(start, statement.end);
  for (const edit of [...edits].filter((e) => e.start >= start && e.end <= statement.end).sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start - start) + edit.text + out.slice(edit.end - start);
  }
  return out;
}

/** The generated PostgreSQL twin of one SQLite table description file (path relative to the project root). */
export function renderPgTables(sqliteFile: string): string {
  const sourceText = fs.readFileSync(path.join(ROOT, sqliteFile), 'utf8');
  const sourceFile = ts.createSourceFile(sqliteFile, sourceText, ts.ScriptTarget.Latest, true);
  try {
    return render(sourceFile, sqliteFile.split(path.sep).join('/'));
  } catch (error) {
    if (error instanceof Unsupported) throw new Error(`${sqliteFile}: ${error.message}`);
    throw error;
  }
}

function render(sourceFile: ts.SourceFile, displayName: string): string {
  const sqliteCoreNames = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== SQLITE_CORE) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) throw new Unsupported(`import named bindings from ${SQLITE_CORE}`);
    for (const element of bindings.elements) {
      if (element.propertyName) throw new Unsupported(`renamed import from ${SQLITE_CORE}: ${element.getText(sourceFile)}`);
      sqliteCoreNames.add(element.name.text);
    }
  }

  const tableStatements = sourceFile.statements.filter((statement) => {
    let found = false;
    const visit = (node: ts.Node) => {
      if (isTableCall(node)) found = true;
      else ts.forEachChild(node, visit);
    };
    visit(statement);
    return found;
  });
  for (const statement of tableStatements) {
    const single = ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 && statement.declarationList.declarations[0]!.initializer;
    if (!single || !isTableCall(single)) throw new Unsupported(`a table must be declared alone: const name = sqliteTable(...): ${statement.getText(sourceFile).slice(0, 80)}`);
  }

  const edits: Edit[] = [];
  const pgCoreNames = new Set<string>(['pgTable']);
  const collect = (node: ts.Node) => {
    if (isTableCall(node)) edits.push({ start: node.expression.getStart(sourceFile), end: node.expression.end, text: 'pgTable' });
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && sqliteCoreNames.has(node.expression.text)) {
      const name = node.expression.text;
      if (COLUMN_BUILDERS.has(name)) {
        const builder = pgColumnBuilder(node, name, sourceFile);
        pgCoreNames.add(builder.name);
        // The builder call has no nested edits: its arguments are a name and literal options.
        edits.push({ start: node.getStart(sourceFile), end: node.end, text: builder.text });
        return;
      }
      if (SAME_IN_PG.has(name)) pgCoreNames.add(name);
      else if (name !== 'sqliteTable') throw new Unsupported(`no pg-core twin for ${name}`);
    }
    // A column's type in a self-reference (`references((): AnySQLiteColumn => t.id)`).
    if (ts.isTypeReferenceNode(node) && node.typeName.getText(sourceFile) === 'AnySQLiteColumn') {
      pgCoreNames.add('type AnyPgColumn');
      edits.push({ start: node.getStart(sourceFile), end: node.end, text: 'AnyPgColumn' });
    }
    // SQLite's autoincrement rowid becomes an identity column.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'primaryKey' && node.arguments.length === 1) {
      const options = literalOptions(node.arguments[0], sourceFile);
      if (Object.keys(options).join() !== 'autoIncrement') throw new Unsupported(`unexpected primaryKey options: ${node.getText(sourceFile)}`);
      const text = options.autoIncrement === 'true' ? 'primaryKey().generatedByDefaultAsIdentity()' : 'primaryKey()';
      edits.push({ start: node.expression.name.getStart(sourceFile), end: node.end, text });
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
      const template = node.template;
      const pieces = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const piece of pieces) {
        const original = piece.getText(sourceFile);
        const translated = toPostgresSql(original);
        if (translated !== original) edits.push({ start: piece.getStart(sourceFile), end: piece.end, text: translated });
      }
    }
    ts.forEachChild(node, collect);
  };
  tableStatements.forEach(collect);

  const used = new Set<string>();
  tableStatements.forEach((statement) => identifiersUsed(statement, used));
  // A table may only lean on imports and on the other tables: any other local name would be left behind.
  const carried = new Set(tableStatements.flatMap((statement) => (statement as ts.VariableStatement).declarationList.declarations.map((d) => d.name.getText(sourceFile))));
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) && !ts.isFunctionDeclaration(statement)) continue;
    const names = ts.isVariableStatement(statement) ? statement.declarationList.declarations.map((d) => d.name.getText(sourceFile)) : [statement.name?.text ?? ''];
    for (const name of names) if (used.has(name) && !carried.has(name)) throw new Unsupported(`a table uses ${name}, which is declared in the file but is not a table`);
  }

  const header = `// generated by npm run db:pg-tables from ${displayName}: do not edit`;
  const imports = pgImports(sourceFile, used, pgCoreNames);
  const tables = tableStatements.map((statement) => rewrite(statement, sourceFile, edits));
  return `${header}\n${imports.join('\n')}\n\n${tables.join('\n\n')}\n`;
}

function main() {
  let written = 0;
  for (const sqliteFile of sqliteTableFiles()) {
    const target = path.join(ROOT, pgTablesFileFor(sqliteFile));
    const text = renderPgTables(sqliteFile);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    fs.writeFileSync(target, text);
    console.log(path.relative(process.cwd(), target));
    written++;
  }
  if (written === 0) console.error('every .tables.pg.ts already matches its .tables.ts; nothing to do');
}

if (require.main === module) main();
