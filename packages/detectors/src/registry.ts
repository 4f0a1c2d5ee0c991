import { adafruitIoKey } from './rules/adafruit/adafruit-io-key.js';
import { adyenApiKey } from './rules/adyen/adyen-api-key.js';
import { ageSecretKey } from './rules/age/age-secret-key.js';
import { airtableApiKey } from './rules/airtable/airtable-api-key.js';
import { airtablePat } from './rules/airtable/airtable-pat.js';
import { algoliaApiKey } from './rules/algolia/algolia-api-key.js';
import { alibabaAccessKeyId } from './rules/alibaba/alibaba-access-key-id.js';
import { alibabaSecretKey } from './rules/alibaba/alibaba-secret-key.js';
import { anthropicAdminKey } from './rules/anthropic/anthropic-admin-key.js';
import { anthropicApiKey } from './rules/anthropic/anthropic-api-key.js';
import { asanaPat } from './rules/asana/asana-pat.js';
import { atlassianApiTokenLegacy } from './rules/atlassian/atlassian-api-token-legacy.js';
import { atlassianApiToken } from './rules/atlassian/atlassian-api-token.js';
import { auth0ClientSecret } from './rules/auth0/auth0-client-secret.js';
import { awsAccessKeyId } from './rules/aws/aws-access-key-id.js';
import { awsBedrockApiKeyShortLived } from './rules/aws/aws-bedrock-api-key-short-lived.js';
import { awsBedrockApiKey } from './rules/aws/aws-bedrock-api-key.js';
import { awsSecretAccessKey } from './rules/aws/aws-secret-access-key.js';
import { azureAdClientSecret } from './rules/azure/azure-ad-client-secret.js';
import { azureAnnotatedKey } from './rules/azure/azure-annotated-key.js';
import { azureContainerRegistryKey } from './rules/azure/azure-container-registry-key.js';
import { azureDevopsPatLegacy } from './rules/azure/azure-devops-pat-legacy.js';
import { azureFunctionsKey } from './rules/azure/azure-functions-key.js';
import { azureMessagingIdentifiableKey } from './rules/azure/azure-messaging-identifiable-key.js';
import { azureSearchKey } from './rules/azure/azure-search-key.js';
import { azureSharedAccessKey } from './rules/azure/azure-shared-access-key.js';
import { azureStorageAccountKey } from './rules/azure/azure-storage-account-key.js';
import { azureStorageIdentifiableKey } from './rules/azure/azure-storage-identifiable-key.js';
import { braintreeAccessToken } from './rules/braintree/braintree-access-token.js';
import { brevoApiKey } from './rules/brevo/brevo-api-key.js';
import { buildkiteApiToken } from './rules/buildkite/buildkite-api-token.js';
import { circleciPersonalToken } from './rules/circleci/circleci-personal-token.js';
import { clickhouseCloudKey } from './rules/clickhouse/clickhouse-cloud-key.js';
import { clickupApiToken } from './rules/clickup/clickup-api-token.js';
import { clojarsApiToken } from './rules/clojars/clojars-api-token.js';
import { cloudflareApiToken } from './rules/cloudflare/cloudflare-api-token.js';
import { cloudflareGlobalApiKey } from './rules/cloudflare/cloudflare-global-api-key.js';
import { cloudflareOriginCaKey } from './rules/cloudflare/cloudflare-origin-ca-key.js';
import { codecovToken } from './rules/codecov/codecov-token.js';
import { cohereApiKey } from './rules/cohere/cohere-api-key.js';
import { confluentApiSecret } from './rules/confluent/confluent-api-secret.js';
import { contentfulDeliveryToken } from './rules/contentful/contentful-delivery-token.js';
import { contentfulPat } from './rules/contentful/contentful-pat.js';
import { privateKey } from './rules/crypto/private-key.js';
import { databricksApiToken } from './rules/databricks/databricks-api-token.js';
import { datadogApiKey } from './rules/datadog/datadog-api-key.js';
import { deepseekApiKey } from './rules/deepseek/deepseek-api-key.js';
import { digitaloceanOauthToken } from './rules/digitalocean/digitalocean-oauth-token.js';
import { digitaloceanPat } from './rules/digitalocean/digitalocean-pat.js';
import { digitaloceanRefreshToken } from './rules/digitalocean/digitalocean-refresh-token.js';
import { discordBotToken } from './rules/discord/discord-bot-token.js';
import { discordClientSecret } from './rules/discord/discord-client-secret.js';
import { discordWebhookUrl } from './rules/discord/discord-webhook-url.js';
import { dockerhubPat } from './rules/docker/dockerhub-pat.js';
import { dopplerToken } from './rules/doppler/doppler-token.js';
import { dropboxAccessToken } from './rules/dropbox/dropbox-access-token.js';
import { dropboxLongLivedToken } from './rules/dropbox/dropbox-long-lived-token.js';
import { duffelApiToken } from './rules/duffel/duffel-api-token.js';
import { dynatraceApiToken } from './rules/dynatrace/dynatrace-api-token.js';
import { easypostApiKey } from './rules/easypost/easypost-api-key.js';
import { facebookAccessToken } from './rules/facebook/facebook-access-token.js';
import { facebookAppSecret } from './rules/facebook/facebook-app-secret.js';
import { fastlyApiToken } from './rules/fastly/fastly-api-token.js';
import { figmaPat } from './rules/figma/figma-pat.js';
import { firebaseCloudMessagingServerKey } from './rules/firebase/firebase-cloud-messaging-server-key.js';
import { flutterwaveEncryptionKey } from './rules/flutterwave/flutterwave-encryption-key.js';
import { flutterwaveSecretKey } from './rules/flutterwave/flutterwave-secret-key.js';
import { flyioAccessToken } from './rules/flyio/flyio-access-token.js';
import { frameioApiToken } from './rules/frameio/frameio-api-token.js';
import { githubFineGrainedPat } from './rules/github/github-fine-grained-pat.js';
import { githubOauthToken } from './rules/github/github-oauth-token.js';
import { githubPatClassic } from './rules/github/github-pat-classic.js';
import { githubRefreshToken } from './rules/github/github-refresh-token.js';
import { githubServerToServerToken } from './rules/github/github-server-to-server-token.js';
import { githubUserToServerToken } from './rules/github/github-user-to-server-token.js';
import { gitlabCicdJobToken } from './rules/gitlab/gitlab-cicd-job-token.js';
import { gitlabDeployToken } from './rules/gitlab/gitlab-deploy-token.js';
import { gitlabFeatureFlagClientToken } from './rules/gitlab/gitlab-feature-flag-client-token.js';
import { gitlabFeedToken } from './rules/gitlab/gitlab-feed-token.js';
import { gitlabIncomingMailToken } from './rules/gitlab/gitlab-incoming-mail-token.js';
import { gitlabKubernetesAgentToken } from './rules/gitlab/gitlab-kubernetes-agent-token.js';
import { gitlabOauthAppSecret } from './rules/gitlab/gitlab-oauth-app-secret.js';
import { gitlabPatRoutable } from './rules/gitlab/gitlab-pat-routable.js';
import { gitlabPat } from './rules/gitlab/gitlab-pat.js';
import { gitlabPipelineTriggerToken } from './rules/gitlab/gitlab-pipeline-trigger-token.js';
import { gitlabRunnerRegistrationToken } from './rules/gitlab/gitlab-runner-registration-token.js';
import { gitlabRunnerTokenRoutable } from './rules/gitlab/gitlab-runner-token-routable.js';
import { gitlabRunnerToken } from './rules/gitlab/gitlab-runner-token.js';
import { gitlabScimToken } from './rules/gitlab/gitlab-scim-token.js';
import { gitlabSessionCookie } from './rules/gitlab/gitlab-session-cookie.js';
import { gocardlessApiToken } from './rules/gocardless/gocardless-api-token.js';
import { googleApiKey } from './rules/google/google-api-key.js';
import { googleOauthAccessToken } from './rules/google/google-oauth-access-token.js';
import { googleOauthClientSecret } from './rules/google/google-oauth-client-secret.js';
import { googleOauthRefreshToken } from './rules/google/google-oauth-refresh-token.js';
import { grafanaApiKey } from './rules/grafana/grafana-api-key.js';
import { grafanaCloudApiToken } from './rules/grafana/grafana-cloud-api-token.js';
import { grafanaServiceAccountToken } from './rules/grafana/grafana-service-account-token.js';
import { groqApiKey } from './rules/groq/groq-api-key.js';
import { harnessApiKey } from './rules/harness/harness-api-key.js';
import { terraformCloudToken } from './rules/hashicorp/terraform-cloud-token.js';
import { vaultBatchToken } from './rules/hashicorp/vault-batch-token.js';
import { vaultServiceToken } from './rules/hashicorp/vault-service-token.js';
import { vaultTokenLegacy } from './rules/hashicorp/vault-token-legacy.js';
import { herokuApiKeyLegacy } from './rules/heroku/heroku-api-key-legacy.js';
import { herokuApiKey } from './rules/heroku/heroku-api-key.js';
import { hetznerApiToken } from './rules/hetzner/hetzner-api-token.js';
import { honeycombApiKey } from './rules/honeycomb/honeycomb-api-key.js';
import { hubspotApiKeyLegacy } from './rules/hubspot/hubspot-api-key-legacy.js';
import { hubspotPrivateAppToken } from './rules/hubspot/hubspot-private-app-token.js';
import { huggingfaceAccessToken } from './rules/huggingface/huggingface-access-token.js';
import { huggingfaceOrgToken } from './rules/huggingface/huggingface-org-token.js';
import { infracostApiToken } from './rules/infracost/infracost-api-token.js';
import { intercomAccessToken } from './rules/intercom/intercom-access-token.js';
import { jfrogApiKey } from './rules/jfrog/jfrog-api-key.js';
import { jfrogReferenceToken } from './rules/jfrog/jfrog-reference-token.js';
import { jwt } from './rules/jwt/jwt.js';
import { keyguardScimToken, keyguardServiceToken } from './rules/keyguard/keyguard-token.js';
import { langsmithApiKey } from './rules/langsmith/langsmith-api-key.js';
import { launchdarklyKey } from './rules/launchdarkly/launchdarkly-key.js';
import { linearApiKey } from './rules/linear/linear-api-key.js';
import { linearClientSecret } from './rules/linear/linear-client-secret.js';
import { linodeApiToken } from './rules/linode/linode-api-token.js';
import { lobApiKey } from './rules/lob/lob-api-key.js';
import { mailchimpApiKey } from './rules/mailchimp/mailchimp-api-key.js';
import { mailgunApiKey } from './rules/mailgun/mailgun-api-key.js';
import { mapboxSecretToken } from './rules/mapbox/mapbox-secret-token.js';
import { maxmindLicenseKey } from './rules/maxmind/maxmind-license-key.js';
import { microsoftTeamsWebhookUrl } from './rules/microsoft/microsoft-teams-webhook-url.js';
import { mistralApiKey } from './rules/mistral/mistral-api-key.js';
import { netlifyAccessTokenLegacy } from './rules/netlify/netlify-access-token-legacy.js';
import { netlifyAccessToken } from './rules/netlify/netlify-access-token.js';
import { newRelicInsertKey } from './rules/newrelic/new-relic-insert-key.js';
import { newRelicLicenseKey } from './rules/newrelic/new-relic-license-key.js';
import { newRelicUserApiKey } from './rules/newrelic/new-relic-user-api-key.js';
import { ngrokAuthtoken } from './rules/ngrok/ngrok-authtoken.js';
import { notionIntegrationTokenLegacy } from './rules/notion/notion-integration-token-legacy.js';
import { notionIntegrationToken } from './rules/notion/notion-integration-token.js';
import { npmAccessToken } from './rules/npm/npm-access-token.js';
import { npmLegacyAuthToken } from './rules/npm/npm-legacy-auth-token.js';
import { nugetApiKey } from './rules/nuget/nuget-api-key.js';
import { octopusDeployApiKey } from './rules/octopus/octopus-deploy-api-key.js';
import { oktaApiToken } from './rules/okta/okta-api-token.js';
import { onepasswordSecretKey } from './rules/onepassword/onepassword-secret-key.js';
import { onepasswordServiceAccountToken } from './rules/onepassword/onepassword-service-account-token.js';
import { openaiApiKey } from './rules/openai/openai-api-key.js';
import { openrouterApiKey } from './rules/openrouter/openrouter-api-key.js';
import { openshiftUserToken } from './rules/openshift/openshift-user-token.js';
import { opsgenieApiKey } from './rules/opsgenie/opsgenie-api-key.js';
import { pagerdutyApiKey } from './rules/pagerduty/pagerduty-api-key.js';
import { paypalClientSecret } from './rules/paypal/paypal-client-secret.js';
import { perplexityApiKey } from './rules/perplexity/perplexity-api-key.js';
import { pineconeApiKey } from './rules/pinecone/pinecone-api-key.js';
import { plaidAccessToken } from './rules/plaid/plaid-access-token.js';
import { plaidSecretKey } from './rules/plaid/plaid-secret-key.js';
import { planetscalePassword } from './rules/planetscale/planetscale-password.js';
import { planetscaleToken } from './rules/planetscale/planetscale-token.js';
import { postmanApiKey } from './rules/postman/postman-api-key.js';
import { postmanCollectionAccessToken } from './rules/postman/postman-collection-access-token.js';
import { postmarkServerToken } from './rules/postmark/postmark-server-token.js';
import { prefectApiKey } from './rules/prefect/prefect-api-key.js';
import { pulumiAccessToken } from './rules/pulumi/pulumi-access-token.js';
import { puttyPrivateKey } from './rules/putty/putty-private-key.js';
import { pypiUploadToken } from './rules/pypi/pypi-upload-token.js';
import { rapidapiKey } from './rules/rapidapi/rapidapi-key.js';
import { readmeApiKey } from './rules/readme/readme-api-key.js';
import { renderApiKey } from './rules/render/render-api-key.js';
import { replicateApiToken } from './rules/replicate/replicate-api-token.js';
import { rubygemsApiKey } from './rules/rubygems/rubygems-api-key.js';
import { scalingoApiToken } from './rules/scalingo/scalingo-api-token.js';
import { sendgridApiKey } from './rules/sendgrid/sendgrid-api-key.js';
import { sentryAuthTokenLegacy } from './rules/sentry/sentry-auth-token-legacy.js';
import { sentryOrgToken } from './rules/sentry/sentry-org-token.js';
import { sentryUserToken } from './rules/sentry/sentry-user-token.js';
import { shippoApiToken } from './rules/shippo/shippo-api-token.js';
import { shopifyAccessToken } from './rules/shopify/shopify-access-token.js';
import { shopifySharedSecret } from './rules/shopify/shopify-shared-secret.js';
import { sidekiqProCredentials } from './rules/sidekiq/sidekiq-pro-credentials.js';
import { slackAppToken } from './rules/slack/slack-app-token.js';
import { slackBotToken } from './rules/slack/slack-bot-token.js';
import { slackConfigAccessToken } from './rules/slack/slack-config-access-token.js';
import { slackConfigRefreshToken } from './rules/slack/slack-config-refresh-token.js';
import { slackLegacyBotToken } from './rules/slack/slack-legacy-bot-token.js';
import { slackLegacyToken } from './rules/slack/slack-legacy-token.js';
import { slackLegacyWorkspaceToken } from './rules/slack/slack-legacy-workspace-token.js';
import { slackUserToken } from './rules/slack/slack-user-token.js';
import { slackWebhookUrl } from './rules/slack/slack-webhook-url.js';
import { snykApiToken } from './rules/snyk/snyk-api-token.js';
import { sonarqubeToken } from './rules/sonarqube/sonarqube-token.js';
import { sourcegraphAccessToken } from './rules/sourcegraph/sourcegraph-access-token.js';
import { splunkHecToken } from './rules/splunk/splunk-hec-token.js';
import { squareAccessToken } from './rules/square/square-access-token.js';
import { squareOauthSecret } from './rules/square/square-oauth-secret.js';
import { stripeRestrictedKey } from './rules/stripe/stripe-restricted-key.js';
import { stripeSecretKey } from './rules/stripe/stripe-secret-key.js';
import { stripeWebhookSecret } from './rules/stripe/stripe-webhook-secret.js';
import { supabaseAccessToken } from './rules/supabase/supabase-access-token.js';
import { supabaseSecretKey } from './rules/supabase/supabase-secret-key.js';
import { tailscaleKey } from './rules/tailscale/tailscale-key.js';
import { telegramBotToken } from './rules/telegram/telegram-bot-token.js';
import { travisCiToken } from './rules/travis/travis-ci-token.js';
import { trelloToken } from './rules/trello/trello-token.js';
import { twilioApiKey } from './rules/twilio/twilio-api-key.js';
import { twilioAuthToken } from './rules/twilio/twilio-auth-token.js';
import { twitchApiToken } from './rules/twitch/twitch-api-token.js';
import { twitterAccessToken } from './rules/twitter/twitter-access-token.js';
import { twitterApiSecret } from './rules/twitter/twitter-api-secret.js';
import { twitterBearerToken } from './rules/twitter/twitter-bearer-token.js';
import { typeformApiToken } from './rules/typeform/typeform-api-token.js';
import { urlBasicAuth } from './rules/url/url-basic-auth.js';
import { vercelApiToken } from './rules/vercel/vercel-api-token.js';
import { vultrApiKey } from './rules/vultr/vultr-api-key.js';
import { xaiApiKey } from './rules/xai/xai-api-key.js';
import { zapierWebhookUrl } from './rules/zapier/zapier-webhook-url.js';
import { zendeskApiToken } from './rules/zendesk/zendesk-api-token.js';
import type { Rule } from './types.js';

/**
 * Every built-in rule, sorted by id. One explicit list: a rule file registers nothing by
 * itself, so what ships is exactly what is written here (the registry test checks the order).
 */
export const defaultRules: readonly Rule[] = Object.freeze([
  adafruitIoKey,
  adyenApiKey,
  ageSecretKey,
  airtableApiKey,
  airtablePat,
  algoliaApiKey,
  alibabaAccessKeyId,
  alibabaSecretKey,
  anthropicAdminKey,
  anthropicApiKey,
  asanaPat,
  atlassianApiToken,
  atlassianApiTokenLegacy,
  auth0ClientSecret,
  awsAccessKeyId,
  awsBedrockApiKey,
  awsBedrockApiKeyShortLived,
  awsSecretAccessKey,
  azureAdClientSecret,
  azureAnnotatedKey,
  azureContainerRegistryKey,
  azureDevopsPatLegacy,
  azureFunctionsKey,
  azureMessagingIdentifiableKey,
  azureSearchKey,
  azureSharedAccessKey,
  azureStorageAccountKey,
  azureStorageIdentifiableKey,
  braintreeAccessToken,
  brevoApiKey,
  buildkiteApiToken,
  circleciPersonalToken,
  clickhouseCloudKey,
  clickupApiToken,
  clojarsApiToken,
  cloudflareApiToken,
  cloudflareGlobalApiKey,
  cloudflareOriginCaKey,
  codecovToken,
  cohereApiKey,
  confluentApiSecret,
  contentfulDeliveryToken,
  contentfulPat,
  databricksApiToken,
  datadogApiKey,
  deepseekApiKey,
  digitaloceanOauthToken,
  digitaloceanPat,
  digitaloceanRefreshToken,
  discordBotToken,
  discordClientSecret,
  discordWebhookUrl,
  dockerhubPat,
  dopplerToken,
  dropboxAccessToken,
  dropboxLongLivedToken,
  duffelApiToken,
  dynatraceApiToken,
  easypostApiKey,
  facebookAccessToken,
  facebookAppSecret,
  fastlyApiToken,
  figmaPat,
  firebaseCloudMessagingServerKey,
  flutterwaveEncryptionKey,
  flutterwaveSecretKey,
  flyioAccessToken,
  frameioApiToken,
  githubFineGrainedPat,
  githubOauthToken,
  githubPatClassic,
  githubRefreshToken,
  githubServerToServerToken,
  githubUserToServerToken,
  gitlabCicdJobToken,
  gitlabDeployToken,
  gitlabFeatureFlagClientToken,
  gitlabFeedToken,
  gitlabIncomingMailToken,
  gitlabKubernetesAgentToken,
  gitlabOauthAppSecret,
  gitlabPat,
  gitlabPatRoutable,
  gitlabPipelineTriggerToken,
  gitlabRunnerRegistrationToken,
  gitlabRunnerToken,
  gitlabRunnerTokenRoutable,
  gitlabScimToken,
  gitlabSessionCookie,
  gocardlessApiToken,
  googleApiKey,
  googleOauthAccessToken,
  googleOauthClientSecret,
  googleOauthRefreshToken,
  grafanaApiKey,
  grafanaCloudApiToken,
  grafanaServiceAccountToken,
  groqApiKey,
  harnessApiKey,
  herokuApiKey,
  herokuApiKeyLegacy,
  hetznerApiToken,
  honeycombApiKey,
  hubspotApiKeyLegacy,
  hubspotPrivateAppToken,
  huggingfaceAccessToken,
  huggingfaceOrgToken,
  infracostApiToken,
  intercomAccessToken,
  jfrogApiKey,
  jfrogReferenceToken,
  jwt,
  keyguardScimToken,
  keyguardServiceToken,
  langsmithApiKey,
  launchdarklyKey,
  linearApiKey,
  linearClientSecret,
  linodeApiToken,
  lobApiKey,
  mailchimpApiKey,
  mailgunApiKey,
  mapboxSecretToken,
  maxmindLicenseKey,
  microsoftTeamsWebhookUrl,
  mistralApiKey,
  netlifyAccessToken,
  netlifyAccessTokenLegacy,
  newRelicInsertKey,
  newRelicLicenseKey,
  newRelicUserApiKey,
  ngrokAuthtoken,
  notionIntegrationToken,
  notionIntegrationTokenLegacy,
  npmAccessToken,
  npmLegacyAuthToken,
  nugetApiKey,
  octopusDeployApiKey,
  oktaApiToken,
  onepasswordSecretKey,
  onepasswordServiceAccountToken,
  openaiApiKey,
  openrouterApiKey,
  openshiftUserToken,
  opsgenieApiKey,
  pagerdutyApiKey,
  paypalClientSecret,
  perplexityApiKey,
  pineconeApiKey,
  plaidAccessToken,
  plaidSecretKey,
  planetscalePassword,
  planetscaleToken,
  postmanApiKey,
  postmanCollectionAccessToken,
  postmarkServerToken,
  prefectApiKey,
  privateKey,
  pulumiAccessToken,
  puttyPrivateKey,
  pypiUploadToken,
  rapidapiKey,
  readmeApiKey,
  renderApiKey,
  replicateApiToken,
  rubygemsApiKey,
  scalingoApiToken,
  sendgridApiKey,
  sentryAuthTokenLegacy,
  sentryOrgToken,
  sentryUserToken,
  shippoApiToken,
  shopifyAccessToken,
  shopifySharedSecret,
  sidekiqProCredentials,
  slackAppToken,
  slackBotToken,
  slackConfigAccessToken,
  slackConfigRefreshToken,
  slackLegacyBotToken,
  slackLegacyToken,
  slackLegacyWorkspaceToken,
  slackUserToken,
  slackWebhookUrl,
  snykApiToken,
  sonarqubeToken,
  sourcegraphAccessToken,
  splunkHecToken,
  squareAccessToken,
  squareOauthSecret,
  stripeRestrictedKey,
  stripeSecretKey,
  stripeWebhookSecret,
  supabaseAccessToken,
  supabaseSecretKey,
  tailscaleKey,
  telegramBotToken,
  terraformCloudToken,
  travisCiToken,
  trelloToken,
  twilioApiKey,
  twilioAuthToken,
  twitchApiToken,
  twitterAccessToken,
  twitterApiSecret,
  twitterBearerToken,
  typeformApiToken,
  urlBasicAuth,
  vaultBatchToken,
  vaultServiceToken,
  vaultTokenLegacy,
  vercelApiToken,
  vultrApiKey,
  xaiApiKey,
  zapierWebhookUrl,
  zendeskApiToken,
]);
