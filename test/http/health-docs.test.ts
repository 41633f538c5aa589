import { buildTestApp, expectProblem, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => (t = await buildTestApp()));
afterAll(() => t.app.close());

describe('public routes', () => {
  it('GET /health needs no key', async () => {
    const res = await t.as().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  it('GET /docs serves Swagger UI without a key', async () => {
    const res = await t.as().get('/docs/');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
  });

  it('GET /docs/json describes every route with request and response schemas', async () => {
    const res = await t.as().get('/docs/json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/units', '/units/{id}', '/units/import', '/participants/{id}', '/programmes/{id}/batches', '/batches/{id}/enrolments', '/enrolments/{id}/attendance', '/programmes/{id}/distribute', '/api-keys/{id}', '/audit'])
      expect(Object.keys(doc.paths)).toContain(path);
    for (const [path, operations] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(operations)) {
        expect(`${method} ${path} ${Object.keys(op.responses).join(',')}`).toMatch(/ (200|201|204)/);
        if (path.startsWith('/docs') || path === '/health') continue;
        expect(`${method} ${path} ${Object.keys(op.responses).join(',')}`).toMatch(/4XX/);
        if (['post', 'patch', 'put'].includes(method)) expect({ route: `${method} ${path}`, body: !!op.requestBody }).toEqual({ route: `${method} ${path}`, body: true });
      }
    }
    expect(doc.paths['/units'].post.requestBody.content['application/json'].schema.required).toEqual(['code', 'name', 'kind']);
  });

  it('answers unknown routes with problem+json 404', async () => {
    const res = await t.as().get('/nowhere');
    expectProblem(res, 404, 'NOT_FOUND');
  });
});

describe('the OpenAPI document', () => {
  it('names every operation, documents its refusals and licence, and points Try it out at the server it came from', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ url: '/docs/json', headers: { host: 'sop.example.go.id:8443' } });
      const doc = res.json() as { info: { license?: { name: string } }; servers: { url: string }[]; paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>> };
      expect(doc.servers).toEqual([{ url: 'http://sop.example.go.id:8443' }]);
      expect(doc.info.license?.name).toBeTruthy();
      const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
      expect(operations.length).toBeGreaterThan(40);
      const ids = operations.map(({ op }) => op.operationId);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      expect(operations.filter(({ op }) => !Object.keys(op.responses).some((code) => code.startsWith('4'))).map(({ path }) => path)).toEqual([]);
      expect(ids).toContain('postProgrammesByIdBatches');
    } finally {
      await t.app.close();
    }
  });
});
