import { tokenRule } from '../token-rule.js';

export const gitlabKubernetesAgentToken = tokenRule({
  id: 'gitlab-kubernetes-agent-token',
  description: 'GitLab agent for Kubernetes token',
  provider: 'gitlab',
  keywords: ['glagent-'],
  token: 'glagent-[0-9A-Za-z_-]{50}',
  samples: (g) => [`glagent-${g.base64url(50)}`],
  nearMisses: (g) => [`glagent-${g.base64url(49)}`],
});
