import { listAudit } from './audit.js';
import type { Endpoint } from './endpoint.js';
import { listExposures } from './exposures.js';
import { getFinding, listFindings, patchFinding } from './findings.js';
import { getInsights } from './insights.js';
import { createChannel, deleteChannel, listChannels, listDeliveries, testChannel, updateChannel } from './notification-channels.js';
import { createKey, disableKey, enableKey, getKey, listKeys, revokeAllKeys, revokeKey, revokeKeys } from './keys.js';
import { createScimToken, deleteScimToken, listScimTokens } from './scim-tokens.js';
import { createServiceToken, deleteServiceToken, listServiceTokens } from './service-tokens.js';
import { verifyKey } from './verify.js';
import { getOpenApi } from './openapi.js';
import { getScan, listScans, requestScan } from './scans.js';
import { closeSession, openSession } from './session.js';
import { getSettings, patchSettings } from './settings.js';
import { getSso, oidcCallback, startOidc } from './sso.js';
import { createUser, getMe, listUsers, patchUser } from './users.js';

/** Every keys-api endpoint: keys-api serves exactly these (a test checks it). */
export const endpoints: readonly Endpoint[] = [
  getOpenApi,
  openSession,
  closeSession,
  getSso,
  startOidc,
  oidcCallback,
  getMe,
  listUsers,
  createUser,
  patchUser,
  listKeys,
  createKey,
  getKey,
  disableKey,
  enableKey,
  revokeKey,
  revokeKeys,
  revokeAllKeys,
  verifyKey,
  listExposures,
  listFindings,
  getFinding,
  patchFinding,
  getSettings,
  patchSettings,
  listChannels,
  createChannel,
  updateChannel,
  deleteChannel,
  testChannel,
  listDeliveries,
  listAudit,
  getInsights,
  requestScan,
  listScans,
  getScan,
  createServiceToken,
  listServiceTokens,
  deleteServiceToken,
  createScimToken,
  listScimTokens,
  deleteScimToken,
];
