import { type Filter, filter as compile, parse } from 'scim2-parse-filter';
import { ScimProblem } from './scim.js';

/**
 * A SCIM `filter` (RFC 7644 §3.4.2.2), parsed with scim2-parse-filter. The filters identity
 * providers send to look a resource up (`userName eq "…"`, `externalId eq "…"`,
 * `displayName eq "…"`) become a database query on the attributes in `indexed`; any other
 * filter is tested on the team's resources one by one (teams are small), so every operator works.
 */
export type ScimLookup<K extends string> =
  | { kind: 'all' }
  | { kind: 'indexed'; where: Partial<Record<K, string>> }
  | { kind: 'test'; matches: (resource: unknown) => boolean };

export function scimLookup<K extends string>(text: string | undefined, indexed: readonly K[]): ScimLookup<K> {
  if (text === undefined || text.trim() === '') return { kind: 'all' };
  let ast: Filter;
  try {
    ast = parse(text);
  } catch (error) {
    throw new ScimProblem(400, 'invalidFilter', `filter: ${error instanceof Error ? error.message : 'not a SCIM filter'}`);
  }
  const where: Partial<Record<K, string>> = {};
  const terms = ast.op === 'and' && 'filters' in ast ? ast.filters : [ast];
  const simple = terms.every((t) => {
    if (t.op !== 'eq' || !('attrPath' in t) || !('compValue' in t) || typeof t.compValue !== 'string') return false;
    const key = indexed.find((k) => k.toLowerCase() === t.attrPath.toLowerCase());
    if (!key || where[key] !== undefined) return false;
    where[key] = t.compValue;
    return true;
  });
  if (simple) return { kind: 'indexed', where };
  const test = compile(ast);
  return { kind: 'test', matches: (resource) => test(resource) };
}
