import type { KeyRevokedPayload } from '@keyguard/events';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

const reasons: Record<KeyRevokedPayload['reason'], string> = {
  admin: 'it was revoked by an admin of your team',
  expired: 'of inactivity past its expiration date',
  exposure_auto: 'it was found in a public place and automatically revoked',
  deprovisioned: 'your account was deactivated by your identity provider (SCIM)',
};

function describeLocation(location: NonNullable<KeyRevokedPayload['exposure']>['locations'][number]): string {
  const where = [
    location.repository,
    location.path && `${location.path}${location.line ? `:${location.line}` : ''}`,
    location.commit && `commit ${location.commit.slice(0, 12)}`,
    location.resourceType && `${location.resourceType} ${location.resourceId ?? ''}`.trim(),
    location.jsonPath,
  ].filter(Boolean);
  return `- ${location.source} ${location.kind}${where.length ? ` (${where.join(', ')})` : ''}${location.url ? `: ${location.url}` : ''}`;
}

/**
 * The email a key's owner receives when the key is revoked. It names the key by name and
 * preview only: Keyguard never has the raw key after issuing it.
 */
export function revocationEmail(payload: KeyRevokedPayload, dashboardUrl: string): Email {
  const lines = [
    `Hello ${payload.owner.name || payload.owner.email},`,
    '',
    `Your API key "${payload.name}" (${payload.preview}) was revoked on ${payload.revokedAt} because ${reasons[payload.reason]}.`,
    'Requests made with it are now refused.',
  ];
  if (payload.exposure) {
    lines.push('', `It was detected in public on ${payload.exposure.detectedAt}, at:`, ...payload.exposure.locations.map(describeLocation));
  }
  lines.push(
    '',
    'What to do next:',
    '1. Generate a new key and replace the revoked one wherever it is used.',
    ...(payload.exposure
      ? ['2. Remove the key from the places listed above (and from the history of any repository).', '3. Check your recent activity for use you do not recognise.']
      : []),
    '',
    `Manage your keys: ${dashboardUrl}`,
    '',
    '— Keyguard',
  );
  const subject =
    payload.reason === 'exposure_auto'
      ? `Your API key "${payload.name}" was exposed and has been revoked`
      : `Your API key "${payload.name}" has been revoked`;
  return { to: payload.owner.email, subject, text: lines.join('\n') };
}
