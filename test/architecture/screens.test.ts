import fs from 'node:fs';
import path from 'node:path';

const PAGES = path.join(__dirname, '..', '..', 'src', 'pages');

/** Every folder under src/pages that registers routes: a screen. */
function screens(dir = PAGES): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const own = entries.some((e) => e.isFile() && /\.routes\.tsx?$/.test(e.name)) ? [dir] : [];
  return [...own, ...entries.filter((e) => e.isDirectory()).flatMap((e) => screens(path.join(dir, e.name)))];
}

/** Screens that answer with files, not pages: nothing to render, no words of their own. */
const FILES_ONLY = ['downloads'];

describe('the pages', () => {
  it('are screens, each a folder with its routes, its view and its text', () => {
    const found = screens();
    expect(found.length).toBeGreaterThan(20);
    for (const dir of found) {
      const name = path.basename(dir);
      const files = fs.readdirSync(dir);
      const has = (suffix: string) => files.some((f) => f.endsWith(suffix));
      const expected = FILES_ONLY.includes(name) ? { routes: true } : { routes: true, view: true, text: true };
      const actual = FILES_ONLY.includes(name) ? { routes: has('.routes.ts') } : { routes: has('.routes.tsx'), view: has('.view.tsx'), text: has('.text.ts') };
      expect({ screen: path.relative(PAGES, dir), ...actual }).toEqual({ screen: path.relative(PAGES, dir), ...expected });
    }
  });

  it('keep no page file outside a screen folder but the wiring', () => {
    const loose = fs.readdirSync(PAGES, { withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'index.tsx');
    const looseInAreas = ['organiser', 'unit'].flatMap((area) => fs.readdirSync(path.join(PAGES, area), { withFileTypes: true }).filter((e) => e.isFile()));
    expect([...loose, ...looseInAreas].map((e) => e.name)).toEqual([]);
  });
});
