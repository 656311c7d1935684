// An independent OAuth 2.0 server for svcacct's interop tests: oidc-provider (OpenID Certified),
// configured for the flows svcacct uses, on 127.0.0.1 only.
//
//   node server.mjs            prints "listening on http://127.0.0.1:PORT" as its first line
//
// Env: INTEROP_ACCESS_TTL (seconds, default 3600), INTEROP_LOG (file: one JSON line per token
// or revocation request: {"path", "grant_type"}).
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const accessTtl = Number(process.env.INTEROP_ACCESS_TTL || 3600);
const log = process.env.INTEROP_LOG;

export const CLIENTS = [
  {
    client_id: 'interop-basic',
    client_secret: 'interop-basic-secret-0123456789abcdef',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  },
  {
    client_id: 'interop-post',
    client_secret: 'interop-post-secret-0123456789abcdef',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post',
  },
  {
    // A native (CLI) app: public, PKCE, loopback redirect on any port (RFC 8252 §7.3).
    client_id: 'interop-cli',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
  },
];

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: CLIENTS,
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      deviceFlow: { enabled: true },
    },
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'api'],
    rotateRefreshToken: true,
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: accessTtl,
      ClientCredentials: accessTtl,
      RefreshToken: 24 * 3600,
      Grant: 24 * 3600,
      Session: 3600,
      Interaction: 600,
      AuthorizationCode: 600,
    },
    findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (log && req.method === 'POST' && req.url.startsWith('/token')) {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = new URLSearchParams(Buffer.concat(chunks).toString());
        appendFileSync(log, `${JSON.stringify({ path: req.url, grant_type: body.get('grant_type') })}\n`);
      });
    }
    callback(req, res);
  });
  process.stdout.write(`listening on ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
