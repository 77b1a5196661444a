export { TwilioError } from './errors';
export { createTwilioHttp, TWILIO_HOSTS, type TwilioCredentials, type TwilioHttp } from './http';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { checkCredentials, fetchAccount, type AccountInfo, type CredentialCheck } from './accounts';
export { listWhatsAppSenders, type WhatsAppSender } from './senders';
export { templatePages, normalizeTemplate } from './content';
export { messagePages, lastInboundFrom, sendTemplate, fetchMessage, type Message } from './messages';
