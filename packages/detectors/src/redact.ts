/**
 * Redacted preview of a secret: its public, recognisable prefix (`PMAK-`, `ghp_`, a PEM header)
 * then `…` then at most the last 4 characters, fewer for short secrets. Never more than about
 * 8 characters of the secret itself are visible.
 */
const KNOWN_PREFIX =
  /^(?:-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY(?: BLOCK)?-----|PMAK-|gh[pousr]_|github_pat_|npm_|gl(?:pat|rt|dt|ft|ptt|cbt|oas|soat)-(?:t\d_)?|GR1348941|xox[abeoprs]-|xoxe\.xox[bp]-|xapp-|https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/|[sr]k_(?:live|test|prod)_|sk-ant-(?:api|admin)\d\d-|sk-(?:proj|svcacct|admin)-|sk-|AKIA|ASIA|ABIA|ACCA|AIza|SG\.|hf_|api_org_|shp(?:at|ca|pa|ss)_|pypi-|dckr_(?:pat|oat)_|do[opr]_v1_|HRKU-|ATATT|lin_api_|ntn_|secret_|AccountKey=|eyJ)/;

export function knownPrefixLength(raw: string): number {
  return KNOWN_PREFIX.exec(raw)?.[0].length ?? 0;
}

/**
 * `tail: false` shows no character of the secret itself, only a known public prefix: for
 * secrets a person chose (rules with `hashing: 'keyed'`), where even 4 characters help a guess.
 */
export function redact(raw: string, prefixLength: number = knownPrefixLength(raw), { tail = true }: { tail?: boolean } = {}): string {
  const prefix = raw.slice(0, Math.min(prefixLength, 40));
  // a PEM block's last characters are its footer: show the end of the key material instead
  const body = raw
    .slice(prefix.length)
    .replace(/-----END [^\n]*-----$/, '')
    .replace(/\s+|\\[nr]|["'`]/g, '');
  const visible = !tail ? 0 : body.length >= 16 ? 4 : body.length >= 10 ? 2 : 0;
  return `${prefix}…${visible > 0 ? body.slice(-visible) : ''}`;
}
