/**
 * Which detector rules find tokens an issuer can revoke for us, and which issuer: the contract
 * between the scanning services (they seal only these) and the relay (one adapter per issuer).
 * GitHub's credential revocation API takes classic and fine-grained PATs, OAuth app tokens,
 * GitHub App user-to-server and refresh tokens (installation tokens `ghs_` expire within an hour).
 */
const relayable: Record<string, string> = {
  'github-pat-classic': 'github',
  'github-fine-grained-pat': 'github',
  'github-oauth-token': 'github',
  'github-user-to-server-token': 'github',
  'github-refresh-token': 'github',
};

export const relayIssuerFor = (ruleId: string): string | null => relayable[ruleId] ?? null;
