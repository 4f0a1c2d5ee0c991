import { z } from 'zod';

/**
 * SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol) at /scim/v2: what identity providers (Okta,
 * Microsoft Entra ID, …) send and receive. SCIM has its own media type (`application/scim+json`),
 * error shape and discovery endpoints, so it lives beside /api/v1 rather than in its OpenAPI
 * document; these schemas are its one description all the same.
 */
export const ScimSchemas = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

export const scimMediaType = 'application/scim+json';

/** A SCIM boolean: providers send `false`, and Entra ID also `"False"` (RFC 7643 §2.3.2 says JSON booleans; we take both). */
export const ScimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((s) => s.toLowerCase() === 'true'),
]);

const Email = z.looseObject({ value: z.string().trim().min(1), type: z.string().optional(), primary: ScimBoolean.optional() });

/** A User as a provider writes it (POST, PUT; and what a PATCH must leave). Unknown attributes (password, locale, …) are ignored. */
export const ScimUserInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: z.string().trim().min(1).max(256),
  externalId: z.string().max(256).optional(),
  displayName: z.string().max(256).optional(),
  name: z
    .looseObject({ givenName: z.string().max(128).optional(), familyName: z.string().max(128).optional(), formatted: z.string().max(256).optional() })
    .optional(),
  emails: z.array(Email).max(20).optional(),
  active: ScimBoolean.optional(),
});
export type ScimUserInput = z.output<typeof ScimUserInput>;

const Member = z.looseObject({ value: z.string().min(1), display: z.string().optional() });

/** A Group as a provider writes it. Its members are Users of the same team. */
export const ScimGroupInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  displayName: z.string().trim().min(1).max(256),
  externalId: z.string().max(256).optional(),
  members: z.array(Member).max(10_000).optional(),
});
export type ScimGroupInput = z.output<typeof ScimGroupInput>;

/** RFC 7644 §3.5.2. `op` is case-insensitive: Okta sends `replace`, Entra ID `Replace`. */
export const ScimPatchOperation = z.object({
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(['add', 'remove', 'replace'])),
  path: z.string().min(1).optional(),
  value: z.unknown().optional(),
});
export const ScimPatch = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(ScimSchemas.patchOp), { message: `must include ${ScimSchemas.patchOp}` }),
  Operations: z.array(ScimPatchOperation).min(1).max(1000),
});
export type ScimPatch = z.output<typeof ScimPatch>;

const Meta = z.object({ resourceType: z.string(), created: z.string(), lastModified: z.string(), location: z.string() });

/** A User as Keyguard answers it. `userName` is the sign-in name; `emails[0]` the address keys' emails go to. */
export const ScimUser = z.object({
  schemas: z.tuple([z.literal(ScimSchemas.user)]),
  id: z.string(),
  externalId: z.string().optional(),
  userName: z.string(),
  displayName: z.string(),
  name: z.object({ formatted: z.string(), givenName: z.string().optional(), familyName: z.string().optional() }),
  emails: z.array(z.object({ value: z.string(), type: z.string(), primary: z.boolean() })),
  active: z.boolean(),
  groups: z.array(z.object({ value: z.string(), display: z.string(), $ref: z.string() })),
  meta: Meta,
});
export type ScimUser = z.output<typeof ScimUser>;

export const ScimGroup = z.object({
  schemas: z.tuple([z.literal(ScimSchemas.group)]),
  id: z.string(),
  externalId: z.string().optional(),
  displayName: z.string(),
  members: z.array(z.object({ value: z.string(), display: z.string(), $ref: z.string() })),
  meta: Meta,
});
export type ScimGroup = z.output<typeof ScimGroup>;

export const scimListOf = <T extends z.ZodType>(resource: T) =>
  z.object({
    schemas: z.tuple([z.literal(ScimSchemas.listResponse)]),
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    Resources: z.array(resource),
  });

/** `startIndex` is 1-based (RFC 7644 §3.4.2.4); values below 1 are read as 1, a negative count as 0. */
export const ScimListQuery = z.object({
  filter: z.string().max(1000).optional(),
  startIndex: z.coerce
    .number()
    .int()
    .catch(1)
    .transform((n) => Math.max(1, n))
    .default(1),
  count: z.coerce
    .number()
    .int()
    .catch(100)
    .transform((n) => Math.min(Math.max(0, n), 200))
    .default(100),
  excludedAttributes: z.string().optional(),
  attributes: z.string().optional(),
});
export type ScimListQuery = z.output<typeof ScimListQuery>;

/** RFC 7644 §3.12: every SCIM error. `status` is a string; `scimType` a code for 400s and 409s. */
export const ScimError = z.object({
  schemas: z.tuple([z.literal(ScimSchemas.error)]),
  status: z.string(),
  scimType: z
    .enum(['invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue', 'invalidVers', 'sensitive'])
    .optional(),
  detail: z.string(),
});
export type ScimError = z.output<typeof ScimError>;
