import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.join(__dirname, '..', '..');

/**
 * Imports the architecture forbids, each added to a copy of the tree: `file` gets the line
 * (appended to an existing file, or a new file at that path), and depcruise must report it.
 */
const FORBIDDEN: { why: string; file: string; line: string; to: string }[] = [
  { why: 'a rule reads a repository', file: 'src/features/bookings/bookings.rules.ts', line: "import './bookings.repository';", to: 'src/features/bookings/bookings.repository.ts' },
  { why: 'a rule queries with drizzle', file: 'src/features/periods/periods.rules.ts', line: "import 'drizzle-orm';", to: 'drizzle-orm' },
  { why: 'a service imports page parts', file: 'src/features/audit/audit.service.ts', line: "import '../../pages/shared/flash';", to: 'src/pages/shared/flash.ts' },
  { why: 'a service imports page plumbing', file: 'src/features/audit/audit.service.ts', line: "import '../../web/forms';", to: 'src/web/forms.ts' },
  { why: 'platform code imports page plumbing', file: 'src/platform/time.ts', line: "import '../web/layout';", to: 'src/web/layout.tsx' },
  { why: 'platform code imports a feature', file: 'src/platform/lru.ts', line: "import '../features/units/units.rules';", to: 'src/features/units/units.rules.ts' },
  { why: 'a page queries with drizzle', file: 'src/pages/unit/forbidden/forbidden.routes.tsx', line: "import 'drizzle-orm';", to: 'drizzle-orm' },
  { why: 'a page opens the database', file: 'src/pages/unit/forbidden/forbidden.routes.tsx', line: "import '../../../platform/database';", to: 'src/platform/database.ts' },
  { why: 'a page reads a repository', file: 'src/pages/unit/forbidden/forbidden.routes.tsx', line: "import '../../../features/units/units.repository';", to: 'src/features/units/units.repository.ts' },
  { why: 'a view reaches the container', file: 'src/pages/unit/forbidden/forbidden.view.tsx', line: "import type { Container } from '../../../container';", to: 'src/container.ts' },
  { why: 'a view calls a service', file: 'src/pages/unit/forbidden/forbidden.view.tsx', line: "import { createUnitsService } from '../../../features/units/units.service';", to: 'src/features/units/units.service.ts' },
  { why: 'a view opens the unit of work', file: 'src/pages/unit/forbidden/forbidden.view.tsx', line: "import '../../../platform/unit-of-work';", to: 'src/platform/unit-of-work.ts' },
  { why: 'a service calls another feature’s service (not injected)', file: 'src/features/drafts/drafts.service.ts', line: "import { createUnitsService } from '../units/units.service';", to: 'src/features/units/units.service.ts' },
  { why: 'a worker job calls a service', file: 'src/heavy-work/jobs.ts', line: "import '../features/units/units.service';", to: 'src/features/units/units.service.ts' },
  { why: 'a worker job opens the database', file: 'src/heavy-work/jobs.ts', line: "import '../platform/database';", to: 'src/platform/database.ts' },
  { why: 'a feature uses a later one', file: 'src/features/units/units.service.ts', line: "import '../bookings/bookings.rules';", to: 'src/features/bookings/bookings.rules.ts' },
];

/** Every import of `from` that depcruise reports, rule by rule. */
type Violation = { from: string; to: string; rule: { name: string } };

async function violationsOf(dir: string): Promise<Violation[]> {
  try {
    const { stdout } = await exec(path.join(root, 'node_modules', '.bin', 'depcruise'), ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout).summary.violations;
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout).summary.violations;
  }
}

// `npm test` runs depcruise on the tree as it is; this proves the rules would catch each of these.
describe('the dependency allowlist (.dependency-cruiser.cjs)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-architecture-'));
    for (const entry of ['src', 'tsconfig.json', '.dependency-cruiser.cjs']) fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses each forbidden import', async () => {
    for (const { file, line } of FORBIDDEN) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.appendFileSync(target, `\n${line}\n`);
    }
    const found = await violationsOf(dir);
    for (const forbidden of FORBIDDEN) {
      const caught = found.filter((v) => v.from === forbidden.file && (v.to === forbidden.to || v.to.includes(`node_modules/${forbidden.to}/`)));
      expect({ why: forbidden.why, caught: caught.length > 0 }).toEqual({ why: forbidden.why, caught: true });
    }
  }, 60_000);
});
