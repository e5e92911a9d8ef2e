// A certified OpenID provider (oidc-provider) standing in for GビズID in tests.
//
// The pytest fixture starts `node server.mjs` with its settings in the
// environment, reads the first stdout line ({"issuer": ...}) and then runs the
// portal's production login code against it. One client authenticates with
// client_secret_basic and must use PKCE; ID tokens are RS256; userinfo returns
// GビズID's flat claims. Interactions log the one configured account in and
// grant the requested scopes without a page, so a test can follow redirects.
//
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI and
// OIDC_ACCOUNT (JSON: {"sub": ..., "claims": {...}}).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const account = JSON.parse(process.env.OIDC_ACCOUNT);
const client = {
  client_id: process.env.OIDC_CLIENT_ID,
  client_secret: process.env.OIDC_CLIENT_SECRET,
  redirect_uris: [process.env.OIDC_REDIRECT_URI],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  id_token_signed_response_alg: 'RS256',
};

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: `interop-${randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
}

// GビズID puts the company facts under `profile`; the e-mail under `email`.
const gbizidClaims = {
  openid: ['sub'],
  profile: [
    'account_type', 'corp_type', 'corporate_number', 'name',
    'rep_last_nm', 'rep_first_nm', 'rep_last_nm_kana', 'rep_first_nm_kana',
    'prefecture_name', 'address1', 'address2', 'user_last_nm', 'user_first_nm',
  ],
  email: ['email'],
};

let provider;

async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  let result;
  if (prompt.name === 'login') {
    result = { login: { accountId: account.sub } };
  } else if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) {
      grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    }
    if (prompt.details.missingOIDCClaims) {
      grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    }
    result = { consent: { grantId: await grant.save() } };
  } else {
    result = { error: 'access_denied', error_description: `unexpected prompt ${prompt.name}` };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    finishInteraction(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}/`;
  provider = new Provider(issuer, {
    clients: [client],
    jwks: { keys: [signingKey()] },
    claims: gbizidClaims,
    scopes: ['openid', 'profile', 'email'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: async (ctx, sub) => (sub === account.sub
      ? { accountId: sub, claims: async () => ({ sub, ...account.claims }) }
      : undefined),
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
