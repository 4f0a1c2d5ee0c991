// Token examples published in vendors' own material, kept under samples/ (the pre-stop hook
// skips this folder). None is live.

/** GitHub blog, "Behind GitHub's new authentication token formats": checksum 0mLq17. */
export const GITHUB_BLOG_EXAMPLE = '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';

/** Built with GitLab's routable_token.rb (newer scheme, `.01.` version segment). */
export const GITLAB_ROUTABLE_EXAMPLE = 'glpat-AAECAwQFBgcICQoLDA0OD2M6MQpvOjEKdToxCw.01.120h2srho';
