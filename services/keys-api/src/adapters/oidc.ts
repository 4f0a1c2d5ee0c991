import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Extra scope to ask for (the groups claim's, when one is configured). */
  extraScope?: string;
}

/** What the browser keeps between the redirect to the provider and its return (an HttpOnly cookie). */
export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * Single sign-on with openid-client (the certified OpenID relying party for Node): discovery of
 * the provider (once, retried after a failure), the authorization URL with PKCE (S256), state and
 * nonce, and the code exchange that verifies the ID token. An `http:` issuer is allowed (a
 * provider on the local machine); production providers are HTTPS.
 */
export function createOidc(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: settings.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    issuer: settings.issuer,

    async start(redirectUri: string): Promise<{ url: string; checks: OidcChecks }> {
      const config = await configuration();
      const checks: OidcChecks = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: ['openid', 'email', 'profile', ...(settings.extraScope ? [settings.extraScope] : [])].join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    },

    /** Exchanges the code of `callbackUrl` (the redirect URI with the provider's query) and returns the ID token's claims. */
    async finish(callbackUrl: URL, checks: OidcChecks): Promise<Record<string, unknown>> {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
      // Providers that keep the ID token small (the OpenID Connect default) give the email at the UserInfo endpoint.
      if (typeof claims['email'] !== 'string' && typeof claims['sub'] === 'string') {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims['sub']);
        return { ...info, ...claims, email: info.email, email_verified: info.email_verified, ...(info.name && !claims['name'] ? { name: info.name } : {}) };
      }
      return claims;
    },
  };
}
export type Oidc = ReturnType<typeof createOidc>;
