import fs from 'node:fs';
import path from 'node:path';

/** The release this code is (package.json's version), found upwards from here (src/platform or dist/src/platform). */
export const VERSION: string = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
})();
