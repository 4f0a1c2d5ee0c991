import type { z } from 'zod';

/**
 * One keys-api endpoint: its method, its path under /api/v1 and the zod schema of everything
 * it reads and answers. keys-api attaches the schema to the route (requests are validated,
 * answers encoded through it), the OpenAPI document is generated from it, and the dashboard
 * takes its types from it: the contract is written once, here.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Fastify path syntax (`/keys/:id`), relative to /api/v1. */
  url: string;
  schema: {
    summary: string;
    description?: string;
    tags: readonly string[];
    /** `[]` for the endpoints open without a key; the document's default (key or session) otherwise. */
    security?: readonly Record<string, readonly string[]>[];
    params?: z.ZodType;
    querystring?: z.ZodType;
    body?: z.ZodType;
    /** Every status the endpoint answers with, and the shape of each. */
    response: Readonly<Record<number, z.ZodType>>;
  };
}

/** Keeps the literal types of an endpoint (so routes and the dashboard see the exact schemas). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** The request and answer types of an endpoint, for callers (the dashboard). */
export type Query<E extends Endpoint> = E['schema']['querystring'] extends z.ZodType ? z.input<E['schema']['querystring']> : never;
export type Body<E extends Endpoint> = E['schema']['body'] extends z.ZodType ? z.input<E['schema']['body']> : never;
export type Answer<E extends Endpoint, S extends keyof E['schema']['response'] = 200> = E['schema']['response'][S] extends z.ZodType
  ? z.output<E['schema']['response'][S]>
  : never;
