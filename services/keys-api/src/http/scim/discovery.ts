import { ScimSchemas } from '@keyguard/contract';
import type { FastifyInstance } from 'fastify';
import { ScimProblem } from '../../domain/scim.js';
import { scimBase, scimSend } from './app.js';
import { listResponse } from './parse.js';

type Attribute = {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: Attribute[];
};
const attr = (name: string, type: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...more,
});

/** RFC 7643 §7: the attributes Keyguard keeps (others a provider sends are accepted and ignored). */
const schemas = [
  {
    id: ScimSchemas.user,
    name: 'User',
    description: 'A person of the team',
    attributes: [
      attr('userName', 'string', { required: true, uniqueness: 'server' }),
      attr('externalId', 'string', { caseExact: true }),
      attr('displayName', 'string'),
      attr('name', 'complex', { subAttributes: [attr('formatted', 'string'), attr('givenName', 'string'), attr('familyName', 'string')] }),
      attr('emails', 'complex', { multiValued: true, subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')] }),
      attr('active', 'boolean'),
      attr('groups', 'complex', {
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [attr('value', 'string', { mutability: 'readOnly' }), attr('display', 'string', { mutability: 'readOnly' })],
      }),
    ],
  },
  {
    id: ScimSchemas.group,
    name: 'Group',
    description: 'A group; "Keyguard Team Admins" and "Keyguard Super Admins" give their members that role',
    attributes: [
      attr('displayName', 'string', { required: true, uniqueness: 'server' }),
      attr('externalId', 'string', { caseExact: true }),
      attr('members', 'complex', {
        multiValued: true,
        subAttributes: [attr('value', 'string', { mutability: 'immutable' }), attr('display', 'string', { mutability: 'readOnly' })],
      }),
    ],
  },
];

const resourceTypes = [
  { id: 'User', name: 'User', endpoint: '/Users', schema: ScimSchemas.user },
  { id: 'Group', name: 'Group', endpoint: '/Groups', schema: ScimSchemas.group },
];

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4): what a provider reads to learn what we support. */
export function discoveryRoutes(app: FastifyInstance): void {
  app.get('/ServiceProviderConfig', async (request, reply) =>
    scimSend(reply, 200, {
      schemas: [ScimSchemas.serviceProviderConfig],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        { type: 'oauthbearertoken', name: 'SCIM API key', description: 'Authorization: Bearer kgscim_… (created in Team Settings)', primary: true },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${scimBase(request)}/ServiceProviderConfig` },
    }),
  );

  const typeView = (t: (typeof resourceTypes)[number], base: string) => ({
    schemas: [ScimSchemas.resourceType],
    ...t,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${t.id}` },
  });
  app.get('/ResourceTypes', async (request, reply) =>
    scimSend(
      reply,
      200,
      listResponse(
        resourceTypes.map((t) => typeView(t, scimBase(request))),
        resourceTypes.length,
        1,
      ),
    ),
  );
  app.get('/ResourceTypes/:id', async (request, reply) => {
    const type = resourceTypes.find((t) => t.id === (request.params as { id: string }).id);
    if (!type) throw new ScimProblem(404, undefined, 'no such resource type');
    return scimSend(reply, 200, typeView(type, scimBase(request)));
  });

  const schemaView = (s: (typeof schemas)[number], base: string) => ({
    schemas: [ScimSchemas.schema],
    ...s,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${s.id}` },
  });
  app.get('/Schemas', async (request, reply) =>
    scimSend(
      reply,
      200,
      listResponse(
        schemas.map((s) => schemaView(s, scimBase(request))),
        schemas.length,
        1,
      ),
    ),
  );
  app.get('/Schemas/:id', async (request, reply) => {
    const schema = schemas.find((s) => s.id === (request.params as { id: string }).id);
    if (!schema) throw new ScimProblem(404, undefined, 'no such schema');
    return scimSend(reply, 200, schemaView(schema, scimBase(request)));
  });
}
