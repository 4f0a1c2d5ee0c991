/** What an issuer's revocation API said about one call. */
export type ReportOutcome =
  | { kind: 'accepted' }
  /** The issuer refused the batch (e.g. GitHub's 422): something in it is not acceptable. */
  | { kind: 'refused'; reason: string }
  /** Over the issuer's rate limit: nothing was done, try again at `until`. */
  | { kind: 'rate_limited'; until: Date; reason: string }
  /** Transient (5xx, network): try again later. */
  | { kind: 'failed'; reason: string };

export interface IssuerLimits {
  /** Calls left in the issuer's current window, and when it resets (from its response headers). */
  remaining: number;
  resetAt: Date;
}

/**
 * One adapter per issuer: how many tokens one call takes, how many calls a window allows, and
 * the call itself. Adding an issuer = one file like github.ts + a line in `relayIssuerFor`.
 */
export interface IssuerAdapter {
  /** Matches `relayIssuerFor(ruleId)` in @keyguard/seal. */
  name: string;
  /** For people: "reported to GitHub at …". */
  displayName: string;
  maxBatch: number;
  callsPerWindow: number;
  windowMs: number;
  report(tokens: string[]): Promise<ReportOutcome & { limits?: IssuerLimits }>;
}
