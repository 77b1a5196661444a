/**
 * Where Twilio serves a message's media from. `GET …/Media/{ME}` on api.twilio.com answers with a redirect to a signed
 * URL on Twilio's media CDN; the browser only lets the extension read that answer when the CDN allows it (CORS) or
 * when the extension holds a host permission for it. The permission is optional: asked for only when a file cannot be
 * read without it (see SECURITY.md).
 */
export const MEDIA_HOSTS = ['https://*.twiliocdn.com/*'] as const;
