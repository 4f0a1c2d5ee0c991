export type {
  Allowlist,
  Classification,
  Confidence,
  Finding,
  ProtectedSecret,
  Rule,
  RuleAllowlist,
  RuleMode,
  RuleSamples,
  ScanOptions,
  ScanResult,
  ScanStats,
  Scanner,
  ScannerOptions,
  TruePositive,
} from './types.js';
export { createScanner } from './engine/create-scanner.js';
export { RuleCatalogueError, validateRules } from './engine/validate-rules.js';
export { globToRegExp } from './engine/glob.js';
export { defaultRules } from './registry.js';
export { SCIM_TOKEN_PREFIX, SERVICE_TOKEN_PREFIX } from './rules/keyguard/keyguard-token.js';
export { hashToken, keyedHashToken, type SecretHashing, tokenHashFor } from './hash.js';
export { redact } from './redact.js';
export { shannonEntropy } from './checks/entropy.js';
export { isPlaceholder } from './checks/placeholders.js';
export { crc32 } from './checksum/crc32.js';
export { verifyGithubStyleToken, githubChecksum } from './checksum/github-token.js';
export { verifyGitlabRoutableToken } from './checksum/gitlab-routable.js';
export { ALPHABETS, createSampleGenerator, type SampleGenerator } from './samples/generator.js';
export { compileCustomRule, type CustomRuleDefinition, CustomRuleError, foldCase, translateRegex } from './custom-rule.js';
export { adversarialInput } from './samples/adversarial.js';
export { ASSIGNMENT_CONTEXTS, type AssignmentContext, GENERIC_NAME } from './samples/contexts.js';
export { decoySamples, fillerLine, type Planted, plantedSamples } from './samples/corpus.js';
