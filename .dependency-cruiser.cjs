/**
 * The architecture, checked in `npm test` (see README, "How it is built"), as an allowlist: an
 * import that no rule under `allowed` names is an error. `forbidden` adds what an allowlist
 * cannot say: no cycles, and features used only in their declared order.
 * test/architecture/dependency-rules.test.ts adds each import this file must refuse to a copy
 * of the tree and expects depcruise to fail on every one.
 */
const FEATURE_ORDER = ['audit', 'tenants', 'outbox', 'holidays', 'units', 'access', 'accounts', 'programmes', 'workshops', 'participants', 'drafts', 'periods', 'bookings', 'requests', 'walk-ins', 'progress', 'calendars', 'partners', 'printouts', 'notices', 'me'];

const feature = (name) => `^src/features/${name}/`;
const later = (i) => FEATURE_ORDER.slice(i + 1).map(feature);

const LIBRARIES = { dependencyTypes: ['core', 'npm'] };
/** Type declarations of libraries (`import type` of a package whose types are a dev dependency). */
const LIBRARY_TYPES = { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm', 'core', 'local'] };
const PLATFORM = '^src/platform/';
/** Pure files of a feature any later code may use: its rules, its words, its schemas, its tables' row types are not among them. */
const FEATURE_PURE = ['^src/features/[^/]+/[^/]+\\.(rules|text|schemas)\\.ts$', '^src/features/[^/]+\\.rules\\.ts$'];
const FEATURE_SERVICE = '^src/features/[^/]+/[^/]+\\.service\\.ts$';
/** What the views of the pages may use: page parts, words, formats, and the features' pure files. */
const VIEW_PARTS = ['^src/web/(components/|layout\\.tsx$|context\\.ts$|web\\.text\\.ts$)', '^src/platform/(format|text|language)\\.ts$', ...FEATURE_PURE, '^src/pages/.+\\.(view\\.tsx|text\\.ts)$'];

module.exports = {
  allowed: [
    // The composition root and the entry points assemble everything.
    { comment: 'Entry points, the container and the health checks see everything.', from: { path: '^src/(app|container|tenancy|server|config|health)\\.ts$' }, to: {} },

    // Platform: database, unit of work, time, errors, caches. Libraries and itself only.
    { comment: 'Platform code uses libraries and other platform code.', from: { path: PLATFORM }, to: { path: PLATFORM } },
    { comment: 'Platform code uses libraries.', from: { path: PLATFORM }, to: LIBRARIES },
    { comment: 'csv-parse: an exports map dependency-cruiser does not resolve.', from: { path: '^src/platform/csv-import\\.ts$' }, to: { path: '^csv-parse/sync$' } },
    { comment: 'Type declarations of libraries.', from: { path: '^src/' }, to: LIBRARY_TYPES },

    // HTTP plumbing (error handler, auth, limiter) and page plumbing (web): platform and libraries.
    { comment: 'HTTP plumbing uses platform code, libraries and itself.', from: { path: '^src/http/' }, to: { path: ['^src/http/', PLATFORM] } },
    { from: { path: '^src/http/' }, to: LIBRARIES },
    { comment: 'Page plumbing uses platform code, HTTP types, libraries and itself.', from: { path: '^src/web/' }, to: { path: ['^src/web/', PLATFORM, '^src/http/api\\.ts$'] } },
    { from: { path: '^src/web/' }, to: LIBRARIES },

    // Features.
    { comment: 'A feature uses its own files.', from: { path: '^src/features/([^/]+)/' }, to: { path: '^src/features/$1/' } },
    { comment: 'Features use platform code and libraries.', from: { path: '^src/features/' }, to: { path: PLATFORM } },
    { from: { path: '^src/features/' }, to: LIBRARIES },
    { comment: 'Features use each other’s rules, words and schemas (order: see forbidden).', from: { path: '^src/features/' }, to: { path: FEATURE_PURE } },
    { comment: 'The cached views and their data versions are declared once, for every feature.', from: { path: '^src/features/' }, to: { path: '^src/features/derived-data\\.ts$' } },
    { comment: 'The iCalendar renderer (pure) serves the feeds and the emails’ invitations.', from: { path: '^src/features/notices/' }, to: { path: '^src/features/calendars/ics\\.ts$' } },
    { comment: 'Tables name other features’ tables (foreign keys); repositories read them (joins).', from: { path: '^src/features/.+\\.(tables|tables\\.pg|repository)\\.ts$' }, to: { path: '^src/features/.+\\.tables(\\.pg)?\\.ts$' } },
    { comment: 'A service reaches another feature through its service’s type (the container injects it).', from: { path: FEATURE_SERVICE }, to: { path: FEATURE_SERVICE, dependencyTypes: ['type-only'] } },
    { comment: 'Services and workers of a feature may use another feature’s type-only interfaces.', from: { path: '^src/features/[^/]+/' }, to: { path: FEATURE_SERVICE, dependencyTypes: ['type-only'] } },
    { comment: 'Routes use the HTTP plumbing.', from: { path: '^src/features/.+\\.routes\\.ts$' }, to: { path: '^src/http/' } },
    { comment: 'What the database derives (triggers, data versions) is declared over every feature’s tables.', from: { path: '^src/features/[^/]+\\.ts$' }, to: { path: ['^src/features/', PLATFORM] } },

    // The worker threads of heavy work: their entry runs features' pure heavy code (layouts, exports, file parsers) on plain data.
    {
      comment:
        'The heavy-work jobs run layouts, exports and import parsers of features, reports and plans read through repositories over the worker’s own read-only connection, and platform code; never a service, the unit of work or the server’s own connection.',
      from: { path: '^src/heavy-work/' },
      to: { path: ['^src/heavy-work/', PLATFORM, '^src/features/[^/]+/[^/]+\\.(layouts|export|csv|report|plan|repository)\\.ts$'], pathNot: '^src/platform/(database|unit-of-work|migrations)\\.ts$' },
    },
    { from: { path: '^src/heavy-work/' }, to: LIBRARIES },

    // Pages: each screen's routes call services; its view only renders.
    { comment: 'Page wiring registers every screen.', from: { path: '^src/pages/index\\.tsx$' }, to: { path: ['^src/pages/', '^src/web/', '^src/(config|container)\\.ts$', '^src/http/api\\.ts$'] } },
    {
      comment: 'A screen’s routes read forms, call services (typed from the container) and hand plain data to the view.',
      from: { path: '^src/pages/.+\\.routes\\.tsx?$' },
      to: { path: ['^src/pages/', '^src/web/', '^src/http/(api|attachment)\\.ts$', '^src/container\\.ts$', ...FEATURE_PURE, '^src/platform/(errors|schemas|format|text|language|time|csv-import|spreadsheet|documents|actor|in-order)\\.ts$'] },
    },
    { from: { path: '^src/pages/.+\\.routes\\.tsx?$' }, to: { path: FEATURE_SERVICE, dependencyTypes: ['type-only'] } },
    { from: { path: '^src/pages/.+\\.routes\\.tsx?$' }, to: LIBRARIES },
    { comment: 'A view renders: page parts, words, formats, pure feature files.', from: { path: '^src/pages/.+\\.view\\.tsx$' }, to: { path: VIEW_PARTS } },
    { comment: 'Views may name a service’s answer type.', from: { path: '^src/pages/.+\\.view\\.tsx$' }, to: { path: FEATURE_SERVICE, dependencyTypes: ['type-only'] } },
    { from: { path: '^src/pages/.+\\.view\\.tsx$' }, to: { path: '^(preact|luxon)', dependencyTypes: ['npm'] } },
    { comment: 'Words are plain data.', from: { path: '^src/(pages|web|features)/.+\\.text\\.ts$' }, to: { path: ['^src/platform/(text|language|actor)\\.ts$', ...FEATURE_PURE, '^src/pages/.+\\.text\\.ts$'] } },
    { comment: 'Shared page helpers (flash, params) are page plumbing.', from: { path: '^src/pages/shared/[^/]+\\.ts$' }, to: { path: ['^src/pages/shared/', '^src/web/', PLATFORM] } },
    { from: { path: '^src/pages/shared/[^/]+\\.ts$' }, to: LIBRARIES },
  ],
  allowedSeverity: 'error',
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No module imports itself through others.', from: {}, to: { circular: true } },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'A rule is a pure function of plain data: no database, no repository, no service, no tables.',
      from: { path: '\\.rules\\.ts$' },
      to: { path: ['\\.(repository|service|tables|tables\\.pg|routes)\\.ts$', '^src/platform/(database|unit-of-work|migrations)\\.ts$', '^drizzle-orm', 'node_modules/drizzle-orm'] },
    },
    {
      name: 'views-only-render',
      severity: 'error',
      comment: 'A view gets plain data: never the container, a service, a repository or the database.',
      from: { path: '\\.view\\.tsx$' },
      to: { path: ['^src/container\\.ts$', '\\.(repository|tables|tables\\.pg)\\.ts$', '^src/platform/(database|unit-of-work)\\.ts$', 'node_modules/(drizzle-orm|fastify)/'] },
    },
    ...FEATURE_ORDER.map((name, i) => ({
      name: `feature-order-${name}`,
      severity: 'error',
      comment: `${name} may use only the features before it: ${FEATURE_ORDER.slice(0, i).join(', ') || 'none'}.`,
      from: { path: feature(name) },
      to: { path: later(i).length ? later(i) : '^$', pathNot: '\\.tables(\\.pg)?\\.ts$' },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
