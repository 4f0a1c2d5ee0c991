import { describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { parseFindingRoutes, teamForPlace } from '../src/domain/finding-team.js';

describe('which team a finding without a key belongs to (issue 10, item 10)', () => {
  const routes = parseFindingRoutes('github:acme=team_a, github:acme/payments=team_pay, gitlab:platform/infra=team_infra, postman:ws-123=team_api');
  const teamOf = teamForPlace(routes, 'team_default');

  it('routes by GitHub owner or repository (the most specific wins), GitLab namespace, Postman workspace', () => {
    expect(teamOf({ source: 'github', repository: 'acme/website' })).toBe('team_a');
    expect(teamOf({ source: 'github', repository: 'acme/payments' })).toBe('team_pay');
    expect(teamOf({ source: 'github', repository: 'acme-corp/x' })).toBe('team_default');
    expect(teamOf({ source: 'gitlab', repository: 'platform/infra/terraform' })).toBe('team_infra');
    expect(teamOf({ source: 'gitlab', repository: 'acme/website' })).toBe('team_default');
    expect(teamOf({ source: 'postman', workspaceId: 'ws-123' })).toBe('team_api');
    expect(teamOf({ source: 'postman', workspaceId: 'ws-999' })).toBe('team_default');
    expect(teamOf({ source: 'github' })).toBe('team_default');
  });

  it('refuses a malformed route, naming its position and never its text', () => {
    const parsed = Config.safeParse({ KAFKA_BROKERS: 'k:9092', MONGODB_URI: 'mongodb://db/', FINDINGS_TEAMS: 'github:acme=team_a,bitbucket:secret-owner' });
    expect(parsed.success).toBe(false);
    const message = JSON.stringify(parsed.error?.issues);
    expect(message).toContain('entry 2');
    expect(message).not.toContain('secret-owner');
    expect(Config.parse({ KAFKA_BROKERS: 'k:9092', MONGODB_URI: 'mongodb://db/' }).FINDINGS_TEAMS).toBeUndefined();
  });
});
