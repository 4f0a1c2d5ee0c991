/**
 * Assignment contexts a secret is written in, across configuration formats and languages, as
 * gitleaks' rule tests write them (and the styles those tests still leave as to-dos). `name` is
 * the stem of the variable, e.g. `datadog` → `DATADOG_API_KEY`, `datadogApiKey`,
 * `datadog_api_key`: a rule that needs its provider's name next to the value (`samples.context`)
 * gets it in every style.
 */
export interface AssignmentContext {
  id: string;
  wrap(name: string, secret: string): string;
}

const upper = (s: string): string => s.toUpperCase();
const camel = (s: string): string => s.replace(/[-_.](\w)/g, (_m, c: string) => c.toUpperCase());
const snakeKey = (n: string): string => `${n}_api_key`;
const upperKey = (n: string): string => `${upper(n)}_API_KEY`;
const camelKey = (n: string): string => `${camel(n)}ApiKey`;

export const ASSIGNMENT_CONTEXTS: readonly AssignmentContext[] = [
  // configuration files
  { id: 'json', wrap: (n, s) => `{\n  "${snakeKey(n)}": "${s}",\n  "debug": false\n}` },
  { id: 'json-compact', wrap: (n, s) => `{"${camelKey(n)}":"${s}","retries":3}` },
  { id: 'json-escaped-newline', wrap: (n, s) => `{"config.ini": "${upperKey(n)}=${s}\\nBACKUP=true"}` },
  { id: 'json-escaped-quotes', wrap: (n, s) => `"{\\"${snakeKey(n)}\\": \\"${s}\\"}"` },
  { id: 'json-name-value', wrap: (n, s) => `{"name": "${upperKey(n)}", "value": "${s}"}` },
  { id: 'yaml', wrap: (n, s) => `${snakeKey(n)}: ${s}\n` },
  { id: 'yaml-single-quoted', wrap: (n, s) => `  ${camelKey(n)}: '${s}'\n` },
  { id: 'yaml-double-quoted', wrap: (n, s) => `${snakeKey(n)}: "${s}"\n` },
  { id: 'yaml-k8s-env', wrap: (n, s) => `env:\n  - name: ${upperKey(n)}\n    value: "${s}"\n` },
  { id: 'dotenv', wrap: (n, s) => `${upperKey(n)}=${s}\n` },
  { id: 'dotenv-quoted', wrap: (n, s) => `${upperKey(n)}="${s}"\n` },
  { id: 'toml', wrap: (n, s) => `[service]\n${snakeKey(n)} = "${s}"\n` },
  { id: 'ini', wrap: (n, s) => `[default]\n${camelKey(n)}=${s}\n` },
  { id: 'ini-spaced', wrap: (n, s) => `${camelKey(n)} = "${s}"\n` },
  { id: 'properties', wrap: (n, s) => `${n}.api.key=${s}\n` },
  { id: 'xml-element', wrap: (n, s) => `<${camelKey(n)}>${s}</${camelKey(n)}>` },
  { id: 'xml-element-multiline', wrap: (n, s) => `<${camelKey(n)}>\n    ${s}\n</${camelKey(n)}>` },
  { id: 'xml-attribute', wrap: (n, s) => `<add key="${upperKey(n)}" value="${s}" />` },
  { id: 'terraform', wrap: (n, s) => `resource "x" "y" {\n  ${snakeKey(n)} = "${s}"\n}` },
  { id: 'make', wrap: (n, s) => `${upperKey(n)} = ${s}\n` },
  { id: 'make-simple', wrap: (n, s) => `${upperKey(n)} := ${s}\n` },
  { id: 'make-shell', wrap: (n, s) => `${upperKey(n)} ::= "${s}"\n` },
  { id: 'make-evaluated', wrap: (n, s) => `${upperKey(n)} :::= "${s}"\n` },
  { id: 'make-conditional', wrap: (n, s) => `${upperKey(n)} ?= ${s}\n` },
  { id: 'make-append', wrap: (n, s) => `${upperKey(n)} += ${s}\n` },
  { id: 'dockerfile', wrap: (n, s) => `ENV ${upperKey(n)}=${s}\n` },
  { id: 'logstash', wrap: (n, s) => `  "${camelKey(n)}" => "${s}"\n` },
  { id: 'http-header', wrap: (n, s) => `X-${camel(n)}-Api-Key: ${s}\r\n` },
  { id: 'url-query', wrap: (n, s) => `https://api.acme.io/v1/things?${snakeKey(n)}=${s}&page=2` },
  { id: 'cli-flag', wrap: (n, s) => `./deploy --${n}-api-key=${s} --verbose` },
  // programming languages
  { id: 'shell-export', wrap: (n, s) => `export ${upperKey(n)}="${s}"\n` },
  { id: 'python', wrap: (n, s) => `${snakeKey(n)} = '${s}'\n` },
  { id: 'python-environ', wrap: (n, s) => `os.environ["${upperKey(n)}"] = "${s}"\n` },
  { id: 'python-dict', wrap: (n, s) => `settings = {"${snakeKey(n)}": "${s}"}\n` },
  { id: 'javascript', wrap: (n, s) => `const ${camelKey(n)} = "${s}";\n` },
  { id: 'javascript-object', wrap: (n, s) => `module.exports = { ${camelKey(n)}: \`${s}\` };\n` },
  { id: 'typescript', wrap: (n, s) => `const ${camelKey(n)}: string = '${s}';\n` },
  { id: 'go', wrap: (n, s) => `var ${camelKey(n)} string = "${s}"\n` },
  { id: 'go-short', wrap: (n, s) => `${camelKey(n)} := "${s}"\n` },
  { id: 'go-backticks', wrap: (n, s) => `${camelKey(n)} := \`${s}\`\n` },
  { id: 'java', wrap: (n, s) => `private static final String ${upperKey(n)} = "${s}";\n` },
  { id: 'java-set-property', wrap: (n, s) => `System.setProperty("${upperKey(n)}", "${s}");\n` },
  { id: 'kotlin', wrap: (n, s) => `val ${camelKey(n)}: String = "${s}"\n` },
  { id: 'csharp', wrap: (n, s) => `string ${camelKey(n)} = "${s}";\n` },
  { id: 'php', wrap: (n, s) => `$${camelKey(n)} = "${s}";\n` },
  { id: 'php-concat', wrap: (n, s) => `$${camelKey(n)} .= "${s}";\n` },
  { id: 'php-array', wrap: (n, s) => `'${snakeKey(n)}' => '${s}',\n` },
  { id: 'php-define', wrap: (n, s) => `define('${upperKey(n)}', '${s}');\n` },
  { id: 'ruby', wrap: (n, s) => `${snakeKey(n)} = "${s}"\n` },
  { id: 'ruby-hash-rocket', wrap: (n, s) => `:${snakeKey(n)} => "${s}",\n` },
  { id: 'ruby-env', wrap: (n, s) => `ENV['${upperKey(n)}'] = '${s}'\n` },
  { id: 'rust', wrap: (n, s) => `let ${snakeKey(n)}: &str = "${s}";\n` },
  { id: 'swift', wrap: (n, s) => `let ${camelKey(n)} = "${s}"\n` },
];

/** Name stem used for rules that need no context word. */
export const GENERIC_NAME = 'service';
