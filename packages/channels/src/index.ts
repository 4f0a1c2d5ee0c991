export { ChannelUrlError, checkChannelUrl, isPublicAddress, parseChannelUrl, type Resolver } from './url-guard.js';
export { newChannelSecret, SIGNATURE_HEADER, signatureHeader, verifySignature } from './signature.js';
export { ChannelEvent, ChannelEventType, channelBody, toSlackMessage } from './channel-event.js';
