import { escapeRegExp, LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import { verifyGitlabRoutableToken } from '../../checksum/gitlab-routable.js';
import type { Rule } from '../../types.js';

/** Legacy GitLab token shape: prefix + 20 base64url characters, no checksum. */
export function legacyGitlabToken(id: string, prefix: string, description: string): Rule {
  return {
    id,
    description,
    provider: 'gitlab',
    keywords: [prefix],
    pattern: pattern(LEFT_TOKEN, `${escapeRegExp(prefix)}[0-9A-Za-z_-]{20}`, RIGHT_TOKEN),
    confidence: 'high',
    entropy: 3,
    samples: {
      truePositives: (g) => [`${prefix}${g.base64url(20)}`, `${prefix}${g.alnum(20)}`],
      falsePositives: (g) => [`${prefix}${g.alnum(19)}`, `${prefix}${'x'.repeat(20)}`, `${prefix}${g.alnum(21)}`],
    },
  };
}

/**
 * Routable GitLab token: prefix [+ `t<n>_` for runners] + base64url payload + `.` [+ `01.`]
 * + base36 length (2) + base36 CRC-32 (7) of everything before it. Both shapes, with and
 * without the `.01.` version segment, are accepted; the checksum is verified offline.
 */
export function routableGitlabToken(id: string, prefix: string, description: string, runner = false): Rule {
  return {
    id,
    description,
    provider: 'gitlab',
    keywords: [prefix],
    pattern: pattern(LEFT_TOKEN, `${escapeRegExp(prefix)}${runner ? '(?:t\\d_)?' : ''}[0-9A-Za-z_-]{27,300}\\.(?:01\\.)?[0-9a-z]{9}`, RIGHT_TOKEN),
    confidence: 'high',
    checksum: verifyGitlabRoutableToken,
    samples: {
      truePositives: (g) => [g.gitlabRoutable(prefix, { versioned: true, runner }), g.gitlabRoutable(prefix, { versioned: false, runner })],
      falsePositives: (g) => [
        g.corruptLast(g.gitlabRoutable(prefix, { versioned: true, runner }), '0123456789abcdefghijklmnopqrstuvwxyz'),
        g.corruptLast(g.gitlabRoutable(prefix, { versioned: false, runner }), '0123456789abcdefghijklmnopqrstuvwxyz'),
        `${prefix}${g.base64url(40)}.01.${g.chars('0123456789abcdefghijklmnopqrstuvwxyz', 9)}`,
      ],
    },
  };
}
