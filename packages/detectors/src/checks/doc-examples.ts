/**
 * SHA-256 of keys printed in vendors' documentation and tutorials, or embedded in public SDKs. They are copied into
 * countless READMEs and test fixtures and are never live, so a match is a placeholder.
 * Hashes, not the keys, so the catalogue itself holds no token-shaped strings.
 */
export const DOCUMENTATION_EXAMPLE_HASHES: ReadonlySet<string> = new Set([
  // AWS docs example access key id (AKIAIOSFODNN7…)
  '1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3',
  // AWS docs example secret access key (wJalrXUtnFEMI…)
  '78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598',
  // Stripe API reference test secret key (sk_test_4eC39…)
  '2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326',
  // GitHub blog "Behind GitHub's new authentication token formats" example (ghp_zQWB…)
  '976b57ee8acdfcf45f76bcc5e329a23655bd0e1e7eeffd8ec98bab6ca6cdd660',
  // Postman API key example reproduced by public scanners' docs (PMAK-9b91…)
  'add1719afa743df69094de1598fbedb92adb9e4877b4e422dd3b80365656de9b',
  // jwt.io default HS256 example token (eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0…)
  '7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606',
  // Azurite / Azure Storage Emulator well-known account key (Eby8vdM02x…)
  '0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059',
  // smtp-server's pregenerated localhost key, shipped in every install as concatenated string
  // literals in dist/{cjs,esm}/tls-options.js ("do not use in production")
  '732df8fdf8707c0dd166c7209b6c70035a6140046d9a5031cc8109ec1a6e1241',
]);
