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
  // example API keys in firebase/firebase-android-sdk's sources and test fixtures (AIzaSy…)
  '2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4',
  '3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682',
  'e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9',
  'a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6',
  '0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c',
  'eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1',
  '37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619',
  '8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1',
  '49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0',
  '27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045',
  'dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614',
  '4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583',
  'ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d',
  '3a8b61d0f636b007840c0d40ba12bcf48465dc054cdc1a68704a33521d84b665',
  'a6c814bc555ae62c7bd8b58ec07bf559c7ed3a009976a1e0acc9cef0d4473b41',
]);
