import escapeHtml from 'escape-html';
import type { AlertItem } from './alert-items.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const reasons: Record<NonNullable<AlertItem['reason']>, string> = {
  admin: 'it was revoked by an admin of your team',
  expired: 'of inactivity past its expiration date',
  exposure_auto: 'it was found in a public place and automatically revoked',
  deprovisioned: 'your account was deactivated by your identity provider (SCIM)',
};

const ruleNames: Record<string, string> = {
  'github-pat-classic': 'GitHub personal access token',
  'github-fine-grained-pat': 'GitHub fine-grained token',
  'github-oauth-token': 'GitHub OAuth token',
  'github-user-to-server-token': 'GitHub App user token',
  'github-refresh-token': 'GitHub App refresh token',
};
const ruleName = (ruleId: string) => ruleNames[ruleId] ?? `${ruleId} secret`;

type Location = AlertItem['locations'][number];

export function describeLocation(location: Location): string {
  const where = [
    location.repository,
    location.path && `${location.path}${location.line ? `:${location.line}` : ''}`,
    location.commit && `commit ${location.commit.slice(0, 12)}`,
    location.resourceType && `${location.resourceType} ${location.resourceId ?? ''}`.trim(),
    location.jsonPath,
  ].filter(Boolean);
  return `${location.source} ${location.kind}${where.length ? ` (${where.join(', ')})` : ''}`;
}

interface Group {
  first: AlertItem;
  items: AlertItem[];
  locations: Location[];
}

function groupItems(items: AlertItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    let group = groups.get(item.group);
    if (!group) {
      group = { first: item, items: [], locations: [] };
      groups.set(item.group, group);
    }
    group.items.push(item);
    for (const location of item.locations) {
      const id = `${location.url}\u0001${describeLocation(location)}`;
      if (!group.locations.some((l) => `${l.url}\u0001${describeLocation(l)}` === id)) group.locations.push(location);
    }
  }
  return [...groups.values()];
}

const isRevoked = (g: Group) => g.items.some((i) => i.kind === 'revocation' || i.action === 'revoked');
const isExposed = (g: Group) => g.items.some((i) => i.kind === 'exposure' || i.reason === 'exposure_auto');

function title(g: Group, to: string): string {
  const { first } = g;
  if (first.kind === 'third_party') return `${ruleName(first.ruleId)} ${first.preview} (not one of your keys)`;
  const owner = first.owner && first.owner.email.toLowerCase() !== to ? `, owned by ${first.owner.name || first.owner.email}` : '';
  return `API key "${first.keyName}" (${first.preview})${owner}`;
}

function happenings(g: Group): string[] {
  const lines: string[] = [];
  for (const item of [...g.items].sort((a, b) => a.at.localeCompare(b.at))) {
    if (item.kind === 'revocation') lines.push(`Revoked on ${item.at} because ${reasons[item.reason ?? 'admin']}. Requests made with it are now refused.`);
    else if (item.kind === 'exposure') {
      lines.push(
        `Detected in public on ${item.at}.`,
        item.action === 'revoked'
          ? 'It was automatically revoked: requests made with it are now refused.'
          : 'It still works: revoke it (or resolve the finding) in the dashboard.',
      );
    } else lines.push(`Detected in public on ${item.at}. Only its issuer can revoke it.`);
  }
  return [...new Set(lines)];
}

function subject(groups: Group[]): string {
  if (groups.length === 1) {
    const g = groups[0]!;
    if (g.first.kind === 'third_party') return `A ${ruleName(g.first.ruleId)} was found in public`;
    const name = `API key "${g.first.keyName}"`;
    if (isRevoked(g) && isExposed(g)) return `${name} was exposed and has been revoked`;
    if (isRevoked(g)) return `${name} has been revoked`;
    return `${name} was found in public`;
  }
  const exposed = groups.filter((g) => g.first.kind !== 'third_party' && isExposed(g)).length;
  const revoked = groups.filter((g) => g.first.kind !== 'third_party' && isRevoked(g)).length;
  const thirdParty = groups.filter((g) => g.first.kind === 'third_party').length;
  const parts = [exposed && `${exposed} API keys exposed`, revoked && `${revoked} revoked`, thirdParty && `${thirdParty} third-party tokens found`].filter(
    Boolean,
  );
  return `Keyguard: ${parts.join(', ')}`;
}

function nextSteps(groups: Group[]): string[] {
  const ours = groups.some((g) => g.first.kind !== 'third_party');
  const exposed = groups.some((g) => isExposed(g) || g.first.kind === 'third_party');
  const steps: string[] = [];
  if (ours) steps.push('Generate a new key and replace the exposed or revoked one wherever it is used.');
  if (exposed) steps.push('Remove the secret from the places listed above (and from the history of any repository).');
  if (ours && exposed) steps.push('Check your recent activity for use you do not recognise.');
  if (groups.some((g) => g.first.kind === 'third_party'))
    steps.push('Tell the owner of a third-party token, or have Keyguard report it to its issuer (Settings → Notifications).');
  return steps.map((s, i) => `${i + 1}. ${s}`);
}

/**
 * One digest email: every key (or third-party finding) the person has not been told about
 * yet, each with what happened, where, and a link to exactly its dashboard page. It names keys
 * by name and preview only: Keyguard never has the raw key after issuing it.
 */
export function digestEmail(to: string, items: AlertItem[], dashboardUrl: string): Email {
  const groups = groupItems(items);
  const single = groups.length === 1 ? groups[0]!.first : null;
  const greetingName = single?.owner && single.owner.email.toLowerCase() === to ? single.owner.name || single.owner.email : null;
  const intro =
    groups.length === 1
      ? 'Keyguard has news about a secret you are responsible for:'
      : `Keyguard has news about ${groups.length} secrets you are responsible for:`;

  const text: string[] = [`Hello${greetingName ? ` ${greetingName}` : ''},`, '', intro];
  const html: string[] = [`<p>Hello${greetingName ? ` ${escapeHtml(greetingName)}` : ''},</p>`, `<p>${escapeHtml(intro)}</p>`];
  for (const g of groups) {
    text.push('', `* ${title(g, to)}`, ...happenings(g).map((l) => `  ${l}`));
    html.push(`<h3>${escapeHtml(title(g, to))}</h3>`, ...happenings(g).map((l) => `<p>${escapeHtml(l)}</p>`));
    if (g.locations.length > 0) {
      text.push('  Where:', ...g.locations.map((l) => `  - ${describeLocation(l)}${l.url ? `: ${l.url}` : ''}`));
      html.push(
        '<ul>',
        ...g.locations.map((l) => `<li>${escapeHtml(describeLocation(l))}${l.url ? ` — <a href="${escapeHtml(l.url)}">${escapeHtml(l.url)}</a>` : ''}</li>`),
        '</ul>',
      );
    }
    text.push(`  Open in Keyguard: ${g.first.link}`);
    html.push(`<p><a href="${escapeHtml(g.first.link)}">Open in Keyguard</a></p>`);
  }
  const steps = nextSteps(groups);
  text.push('', 'What to do next:', ...steps, '', `Dashboard: ${dashboardUrl}`, '', '— Keyguard');
  html.push(
    '<h3>What to do next</h3>',
    '<ol>',
    ...steps.map((s) => `<li>${escapeHtml(s.replace(/^\d+\. /, ''))}</li>`),
    '</ol>',
    `<p>— <a href="${escapeHtml(dashboardUrl)}">Keyguard</a></p>`,
  );
  return { to, subject: subject(groups), text: text.join('\n'), html: `<!doctype html><html><body>${html.join('\n')}</body></html>` };
}
