import { Service, startService } from './harness';

describe('home page', () => {
  let svc: Service;
  const TOKEN = 'home-page-token-0123456789';
  beforeAll(async () => {
    svc = await startService({ API_TOKEN: TOKEN });
  });
  afterAll(() => svc?.stop());

  it('redirects GET / to Swagger UI (302), without a token, and a client following it reads the page', async () => {
    const res = await fetch(`${svc.url}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/api/docs');
    const followed = await fetch(`${svc.url}/`);
    expect(followed.status).toBe(200);
    expect(followed.url).toMatch(/\/api\/docs\/?$/);
    expect(await followed.text()).toContain('swagger');
  });
});
