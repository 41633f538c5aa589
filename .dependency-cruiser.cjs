/**
 * The architecture, checked in `npm test` (see README, "How it is built").
 * Features may use only features before them in FEATURE_ORDER, which rules out cycles;
 * tables are the exception (a foreign key or a read may name any feature's table).
 */
const FEATURE_ORDER = ['audit', 'outbox', 'holidays', 'units', 'access', 'accounts', 'programmes', 'workshops', 'participants', 'drafts', 'periods', 'bookings', 'requests', 'walk-ins', 'progress', 'calendars', 'printouts', 'notices', 'me'];

const feature = (name) => `^src/features/${name}/`;
const later = (i) => FEATURE_ORDER.slice(i + 1).map(feature);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No module imports itself through others.', from: {}, to: { circular: true } },
    {
      name: 'platform-stands-alone',
      severity: 'error',
      comment: 'Platform code (database, unit of work, time, errors, caches) never imports features or HTTP code.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|http|app|container|server)' },
    },
    {
      name: 'http-knows-no-feature',
      severity: 'error',
      comment: 'HTTP plumbing (error handler, auth, limiter) never imports features.',
      from: { path: '^src/http/' },
      to: { path: '^src/(features|app|container|server)' },
    },
    {
      name: 'web-knows-no-feature',
      severity: 'error',
      comment: 'Page plumbing (layout, forms, formats, sessions cookie, CSRF) never imports features or pages.',
      from: { path: '^src/web/' },
      to: { path: '^src/(features|pages|app|container|server)' },
    },
    {
      name: 'pages-call-services',
      severity: 'error',
      comment: 'Pages use the same services as the API (never a repository, never the HTTP routes): no rule is written twice.',
      from: { path: '^src/pages/' },
      to: { path: ['\\.repository\\.ts$', '\\.routes\\.ts$'] },
    },
    {
      name: 'only-repositories-touch-tables',
      severity: 'error',
      comment: 'Tables are read and written by repositories only (and platform code, by its own tables).',
      from: { path: '^src/', pathNot: '(\\.repository|\\.tables)\\.ts$|^src/platform/' },
      to: { path: '\\.tables\\.ts$' },
    },
    {
      name: 'routes-are-thin',
      severity: 'error',
      comment: 'Routes parse, call their own feature’s service and shape the answer.',
      from: { path: '^src/features/([^/]+)/[^/]+\\.routes\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '^src/features/(?!$1/)[^/]+/[^/]+\\.service\\.ts$'] },
    },
    {
      name: 'features-meet-through-services',
      severity: 'error',
      comment: 'Another feature is reached through its service’s typed interface (type imports), never its repository.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/(?!$1/)[^/]+/[^/]+\\.repository\\.ts$' },
    },
    {
      name: 'services-are-injected',
      severity: 'error',
      comment: 'A service gets other services from the container: it imports only their types.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/(?!$1/)[^/]+/[^/]+\\.service\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    ...FEATURE_ORDER.map((name, i) => ({
      name: `feature-order-${name}`,
      severity: 'error',
      comment: `${name} may use only the features before it: ${FEATURE_ORDER.slice(0, i).join(', ') || 'none'}.`,
      from: { path: feature(name) },
      to: { path: later(i).length ? later(i) : '^$', pathNot: '\\.tables\\.ts$' },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
