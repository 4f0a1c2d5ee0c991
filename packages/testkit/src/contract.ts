/**
 * The contract watcher: every answer a test receives from an /api/v1 route is checked against
 * the OpenAPI document that app serves (generated from @keyguard/contract) — its status must be
 * documented for that route, and its body must match the documented schema. Violations are
 * collected here; the integration project's setup file fails the test file that produced any.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export interface ContractViolation {
  method: string;
  route: string;
  status: number;
  problem: string;
}

/** Every violation seen in this test file (module state: one test file, one module graph). */
export const contractViolations: ContractViolation[] = [];
let checked = 0;
let checkedHot = 0;
/** How many answers were checked in this test file. */
export const checkedAnswers = () => checked;
/** How many of them a hot path below Fastify sent (keys-api's POST /keys/verify; `watchHotAnswer`). */
export const checkedHotAnswers = () => checkedHot;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

const documentId = 'keyguard-openapi';
const validators = new WeakMap<object, Ajv2020>();

function ajvFor(document: OpenApiDocument): Ajv2020 {
  let ajv = validators.get(document);
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    ajv.addSchema(document as object, documentId);
    validators.set(document, ajv);
  }
  return ajv;
}

/** `/api/v1/keys/:id` → `/keys/{id}` (the document's paths are relative to its `/api/v1` server). */
const documentPath = (route: string, prefix: string) => route.slice(prefix.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

/** Checks one answer against the document; returns what is wrong, or null. */
export function checkAnswer(
  document: OpenApiDocument,
  path: string,
  method: string,
  status: number,
  contentType: string | undefined,
  body: string | undefined,
): string | null {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) return `${method} ${path} is not in the document`;
  const response = operation.responses?.[String(status)];
  if (!response) return `status ${status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`;
  const empty = body === undefined || body === '';
  const json = response.content?.['application/json'];
  if (!json) return empty ? null : `status ${status} is documented without a body, but one was sent`;
  if (empty) return `status ${status} is documented with a JSON body, but none was sent`;
  if (!contentType?.startsWith('application/json')) return `expected application/json, got ${contentType ?? 'no content type'}`;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  const validate = ajvFor(document).getSchema(
    `${documentId}#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`,
  );
  if (!validate) return 'the documented schema could not be compiled';
  if (validate(value)) return null;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message}`)
    .join('; ');
}

export interface WatchOptions {
  /** Routes under this prefix are checked (default `/api/v1`). */
  prefix?: string;
}

/**
 * Installs the watcher on an app before its routes are registered (keys-api's `extend` option).
 * The document is the one the app itself serves: `swagger()` of the scope the route lives in.
 */
export function watchContract(app: FastifyInstance, { prefix = '/api/v1' }: WatchOptions = {}): void {
  app.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
    const route = request.routeOptions.url;
    // Only answers of a route of the API: an unknown path has no route to be documented under.
    if (!route?.startsWith(`${prefix}/`)) return payload;
    // An answer to a client that already hung up reaches nobody (a browser closed while its
    // page's request was still running, then the stack stopped under it): not an API answer.
    if (request.raw.socket?.destroyed) return payload;
    const server = request.server as FastifyInstance & { swagger?: () => unknown };
    if (typeof server.swagger !== 'function') return payload;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? undefined : String(payload);
    const contentType = reply.getHeader('content-type');
    record(server.swagger() as OpenApiDocument, prefix, {
      method: request.method,
      route,
      status: reply.statusCode,
      contentType: typeof contentType === 'string' ? contentType : undefined,
      body,
    });
    return payload;
  });
}

interface Answer {
  method: string;
  /** The route pattern (`/api/v1/keys/:id`). */
  route: string;
  status: number;
  contentType: string | undefined;
  body: string | undefined;
}

function record(document: OpenApiDocument, prefix: string, answer: Answer): void {
  const problem = checkAnswer(document, documentPath(answer.route, prefix), answer.method, answer.status, answer.contentType, answer.body);
  checked += 1;
  if (problem) contractViolations.push({ method: answer.method, route: answer.route, status: answer.status, problem });
}

/**
 * Checks an answer that a hot path below Fastify sent (keys-api's `watchHotAnswers` option), which
 * the `onSend` hook above never sees, against the document the app serves.
 */
export function watchHotAnswer(answer: Answer, document: unknown, { prefix = '/api/v1' }: WatchOptions = {}): void {
  checkedHot += 1;
  record(document as OpenApiDocument, prefix, answer);
}

/** A readable report of the violations (for the failing hook). */
export function describeViolations(violations: readonly ContractViolation[]): string {
  return violations.map((v) => `  ${v.method} ${v.route} → ${v.status}: ${v.problem}`).join('\n');
}
