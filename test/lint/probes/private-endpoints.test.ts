import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src/lint/transport/http.js';
import { probeRedirectUris } from '../../../src/lint/probes/redirect-uris.js';
import { probeRegistration } from '../../../src/lint/probes/registration.js';

const http = () => new HttpClient({ timeoutMs: 1000, userAgent: 'test', secrets: [] });

describe('a public issuer naming private endpoints', () => {
  it('the callback probe does not send a single request there', async () => {
    const client = http();
    const state = await probeRedirectUris(client, {
      metadata: { issuer: 'https://idp.example.com', authorization_endpoint: 'http://10.0.0.5/authorize' },
      issuer: 'https://idp.example.com',
      clientId: 'c',
      clientSource: 'flag',
    });
    expect(state).toMatchObject({ status: 'failed' });
    expect(client.exchanges).toEqual([]);
    await client.close();
  });

  it('neither does the registration probe', async () => {
    const client = http();
    const state = await probeRegistration(client, { metadata: { registration_endpoint: 'http://169.254.169.254/register' }, issuer: 'https://idp.example.com' });
    expect(state).toMatchObject({ status: 'failed' });
    expect(client.exchanges).toEqual([]);
    await client.close();
  });
});
