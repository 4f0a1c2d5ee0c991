import { HandlerError } from '@keyguard/bus';
import { classifyUpstream, type UpstreamLimits, upstreamFetch } from '@keyguard/ingest-kit';
import type { ResourceRef } from '../domain/event.js';

/** What the Postman API answers for a workspace (the parts used to fan out). */
interface WorkspaceDocument {
  workspace?: {
    id?: string;
    collections?: { id?: string; uid?: string }[];
    environments?: { id?: string; uid?: string }[];
    apis?: { id?: string }[];
  };
}

/**
 * Reads resources from POSTMAN_API_URL with X-Api-Key (never sent to another origin, even
 * through a redirect), within the upstream time and size limits; failures map to retriable /
 * permanent.
 */
export function createPostmanApi({ baseUrl, apiKey, limits }: { baseUrl: string; apiKey?: string; limits: UpstreamLimits }) {
  const root = baseUrl.replace(/\/$/, '');

  async function get(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await upstreamFetch(`${root}${path}`, { headers: { accept: 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) } }, limits);
    } catch (error) {
      if (error instanceof HandlerError) throw error;
      throw classifyUpstream(undefined, `Postman GET ${path}`, error);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw classifyUpstream(response.status, `Postman GET ${path}`, undefined, response.status === 429);
    }
    return response.json();
  }

  const pathOf = (resource: ResourceRef): string => {
    const id = encodeURIComponent(resource.id);
    switch (resource.type) {
      case 'collection':
      case 'documentation':
        return `/collections/${id}`;
      case 'environment':
        return `/environments/${id}`;
      case 'api':
        return `/apis/${id}`;
      case 'workspace':
        return `/workspaces/${id}`;
      case 'globals':
        return `/workspaces/${encodeURIComponent(resource.workspaceId ?? resource.id)}/global-variables`;
    }
  };

  return {
    fetchResource: (resource: ResourceRef) => get(pathOf(resource)),
    /** The resources a workspace holds, each to fetch and scan on its own. */
    workspaceMembers(workspace: ResourceRef, document: unknown): ResourceRef[] {
      const ws = (document as WorkspaceDocument).workspace ?? {};
      const workspaceId = workspace.id;
      const members: ResourceRef[] = [];
      for (const c of ws.collections ?? []) if (c.uid ?? c.id) members.push({ type: 'collection', id: (c.uid ?? c.id) as string, workspaceId });
      for (const e of ws.environments ?? []) if (e.uid ?? e.id) members.push({ type: 'environment', id: (e.uid ?? e.id) as string, workspaceId });
      for (const a of ws.apis ?? []) if (a.id) members.push({ type: 'api', id: a.id, workspaceId });
      members.push({ type: 'globals', id: workspaceId, workspaceId });
      return members;
    },
  };
}
export type PostmanApi = ReturnType<typeof createPostmanApi>;
