import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The stylesheet and script, found upwards from here (src/web or dist/src/web) and read once. */
const ASSETS_FOLDER = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'web', 'assets');
    if (fs.existsSync(path.join(candidate, 'app.css'))) return candidate;
  }
  throw new Error(`no src/web/assets folder above ${__dirname}`);
})();

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export interface Asset {
  body: Buffer;
  type: string;
  /** A short hash of the content: part of the URL, so a new version is fetched at once. */
  version: string;
}

export const ASSETS: Record<string, Asset> = Object.fromEntries(
  fs
    .readdirSync(ASSETS_FOLDER)
    .filter((name) => TYPES[path.extname(name)])
    .map((name) => {
      const body = fs.readFileSync(path.join(ASSETS_FOLDER, name));
      return [name, { body, type: TYPES[path.extname(name)]!, version: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
    }),
);

export const assetPath = (name: string) => `/assets/${ASSETS[name]!.version}/${name}`;
