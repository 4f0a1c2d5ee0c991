import { anthropicAdminKey } from './rules/anthropic/anthropic-admin-key.js';
import { anthropicApiKey } from './rules/anthropic/anthropic-api-key.js';
import { atlassianApiToken } from './rules/atlassian/atlassian-api-token.js';
import { awsAccessKeyId } from './rules/aws/aws-access-key-id.js';
import { awsSecretAccessKey } from './rules/aws/aws-secret-access-key.js';
import { azureStorageAccountKey } from './rules/azure/azure-storage-account-key.js';
import { privateKey } from './rules/crypto/private-key.js';
import { datadogApiKey } from './rules/datadog/datadog-api-key.js';
import { digitaloceanOauthToken } from './rules/digitalocean/digitalocean-oauth-token.js';
import { digitaloceanPat } from './rules/digitalocean/digitalocean-pat.js';
import { digitaloceanRefreshToken } from './rules/digitalocean/digitalocean-refresh-token.js';
import { dockerhubPat } from './rules/docker/dockerhub-pat.js';
import { githubFineGrainedPat } from './rules/github/github-fine-grained-pat.js';
import { githubOauthToken } from './rules/github/github-oauth-token.js';
import { githubPatClassic } from './rules/github/github-pat-classic.js';
import { githubRefreshToken } from './rules/github/github-refresh-token.js';
import { githubServerToServerToken } from './rules/github/github-server-to-server-token.js';
import { githubUserToServerToken } from './rules/github/github-user-to-server-token.js';
import { gitlabDeployToken } from './rules/gitlab/gitlab-deploy-token.js';
import { gitlabFeedToken } from './rules/gitlab/gitlab-feed-token.js';
import { gitlabPat } from './rules/gitlab/gitlab-pat.js';
import { gitlabPatRoutable } from './rules/gitlab/gitlab-pat-routable.js';
import { gitlabPipelineTriggerToken } from './rules/gitlab/gitlab-pipeline-trigger-token.js';
import { gitlabRunnerRegistrationToken } from './rules/gitlab/gitlab-runner-registration-token.js';
import { gitlabRunnerToken } from './rules/gitlab/gitlab-runner-token.js';
import { gitlabRunnerTokenRoutable } from './rules/gitlab/gitlab-runner-token-routable.js';
import { googleApiKey } from './rules/google/google-api-key.js';
import { herokuApiKey } from './rules/heroku/heroku-api-key.js';
import { huggingfaceAccessToken } from './rules/huggingface/huggingface-access-token.js';
import { huggingfaceOrgToken } from './rules/huggingface/huggingface-org-token.js';
import { jwt } from './rules/jwt/jwt.js';
import { keyguardScimToken, keyguardServiceToken } from './rules/keyguard/keyguard-token.js';
import { linearApiKey } from './rules/linear/linear-api-key.js';
import { mailgunApiKey } from './rules/mailgun/mailgun-api-key.js';
import { notionIntegrationToken } from './rules/notion/notion-integration-token.js';
import { notionIntegrationTokenLegacy } from './rules/notion/notion-integration-token-legacy.js';
import { npmAccessToken } from './rules/npm/npm-access-token.js';
import { openaiApiKey } from './rules/openai/openai-api-key.js';
import { postmanApiKey } from './rules/postman/postman-api-key.js';
import { pypiUploadToken } from './rules/pypi/pypi-upload-token.js';
import { sendgridApiKey } from './rules/sendgrid/sendgrid-api-key.js';
import { shopifyAccessToken } from './rules/shopify/shopify-access-token.js';
import { shopifySharedSecret } from './rules/shopify/shopify-shared-secret.js';
import { slackAppToken } from './rules/slack/slack-app-token.js';
import { slackBotToken } from './rules/slack/slack-bot-token.js';
import { slackConfigAccessToken } from './rules/slack/slack-config-access-token.js';
import { slackConfigRefreshToken } from './rules/slack/slack-config-refresh-token.js';
import { slackUserToken } from './rules/slack/slack-user-token.js';
import { slackWebhookUrl } from './rules/slack/slack-webhook-url.js';
import { stripeRestrictedKey } from './rules/stripe/stripe-restricted-key.js';
import { stripeSecretKey } from './rules/stripe/stripe-secret-key.js';
import { twilioApiKey } from './rules/twilio/twilio-api-key.js';
import { urlBasicAuth } from './rules/url/url-basic-auth.js';
import type { Rule } from './types.js';

/**
 * Every built-in rule, sorted by id. One explicit list: a rule file registers nothing by
 * itself, so what ships is exactly what is written here (the registry test checks the order).
 */
export const defaultRules: readonly Rule[] = Object.freeze([
  anthropicAdminKey,
  anthropicApiKey,
  atlassianApiToken,
  awsAccessKeyId,
  awsSecretAccessKey,
  azureStorageAccountKey,
  datadogApiKey,
  digitaloceanOauthToken,
  digitaloceanPat,
  digitaloceanRefreshToken,
  dockerhubPat,
  githubFineGrainedPat,
  githubOauthToken,
  githubPatClassic,
  githubRefreshToken,
  githubServerToServerToken,
  githubUserToServerToken,
  gitlabDeployToken,
  gitlabFeedToken,
  gitlabPat,
  gitlabPatRoutable,
  gitlabPipelineTriggerToken,
  gitlabRunnerRegistrationToken,
  gitlabRunnerToken,
  gitlabRunnerTokenRoutable,
  googleApiKey,
  herokuApiKey,
  huggingfaceAccessToken,
  huggingfaceOrgToken,
  jwt,
  keyguardScimToken,
  keyguardServiceToken,
  linearApiKey,
  mailgunApiKey,
  notionIntegrationToken,
  notionIntegrationTokenLegacy,
  npmAccessToken,
  openaiApiKey,
  postmanApiKey,
  privateKey,
  pypiUploadToken,
  sendgridApiKey,
  shopifyAccessToken,
  shopifySharedSecret,
  slackAppToken,
  slackBotToken,
  slackConfigAccessToken,
  slackConfigRefreshToken,
  slackUserToken,
  slackWebhookUrl,
  stripeRestrictedKey,
  stripeSecretKey,
  twilioApiKey,
  urlBasicAuth,
]);
