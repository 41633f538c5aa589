import fs from 'node:fs';
import path from 'node:path';

const features = path.join(__dirname, '..', '..', 'src', 'features');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** Tables a file declares (`export const x = sqliteTable(`) or changes (`.insert(x)`, `.update(x)`, `.delete(x)`). */
const declared = (source: string) => [...source.matchAll(/export const (\w+) = sqliteTable\(/g)].map((m) => m[1]!);
const written = (source: string) => [...source.matchAll(/\.(?:insert|update|delete)\((\w+)\)/g)].map((m) => m[1]!);

describe('table ownership', () => {
  const sources = files(features).filter((f) => f.endsWith('.ts')).map((file) => ({ file: path.relative(features, file), source: fs.readFileSync(file, 'utf8') }));
  const owner = new Map(sources.flatMap(({ file, source }) => declared(source).map((table) => [table, path.dirname(file)] as const)));

  it('finds the tables', () => {
    expect(owner.size).toBeGreaterThanOrEqual(14);
  });

  it('each table is written only by its own feature’s repository', () => {
    const writers = new Map<string, Set<string>>();
    for (const { file, source } of sources)
      for (const table of written(source)) {
        if (!owner.has(table)) continue;
        writers.set(table, new Set([...(writers.get(table) ?? []), file]));
      }
    for (const [table, files] of writers) expect({ table, files: [...files] }).toEqual({ table, files: [`${owner.get(table)}/${owner.get(table)}.repository.ts`] });
  });
});
