import type { LocationDoc } from '@keyguard/store';

type Source = LocationDoc['source'];

/**
 * Which team a finding belongs to (issue 10, item 10): every finding is one team's, so no team
 * reads or resolves another's.
 * 1. A secret that is one of our keys belongs to the key's team (decided by the caller).
 * 2. Anything else (an unknown key, a third-party secret) belongs to the team whose place it
 *    was first found in, by the operator's FINDINGS_TEAMS routes: `github:acme=team_a` takes
 *    repositories acme/… on GitHub, `gitlab:group/sub=team_b` GitLab projects under group/sub,
 *    `postman:<workspace id>=team_c` one Postman workspace; the most specific route wins.
 * 3. Otherwise the default team (FINDINGS_DEFAULT_TEAM, the bootstrap team by default).
 */
export interface FindingRoute {
  source: Source;
  /** A GitHub owner or owner/repo, a GitLab namespace or project path, or a Postman workspace id. */
  scope: string;
  teamId: string;
}

const entry = /^(github|gitlab|postman):([^=\s,]+)=([^=\s,]+)$/;

/** `github:acme=team_a, postman:ws1=team_b` → routes; throws naming the malformed entry by its position (never its text). */
export function parseFindingRoutes(spec: string): FindingRoute[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => {
      const m = entry.exec(s);
      if (!m) throw new Error(`entry ${i + 1} is not <github|gitlab|postman>:<owner, path or workspace id>=<team id>`);
      return { source: m[1] as Source, scope: m[2]!.replace(/\/+$/, ''), teamId: m[3]! };
    });
}

export interface Place {
  source: Source;
  repository?: string;
  workspaceId?: string;
}

function covers(route: FindingRoute, place: Place): boolean {
  if (route.source !== place.source) return false;
  if (place.source === 'postman') return place.workspaceId === route.scope;
  const repository = place.repository ?? '';
  return repository === route.scope || repository.startsWith(`${route.scope}/`);
}

/** The team a finding first seen at `place` belongs to, unless the secret is one of our keys. */
export function teamForPlace(routes: readonly FindingRoute[], defaultTeam: string): (place: Place) => string {
  const bySpecificity = [...routes].sort((a, b) => b.scope.length - a.scope.length);
  return (place) => bySpecificity.find((r) => covers(r, place))?.teamId ?? defaultTeam;
}
