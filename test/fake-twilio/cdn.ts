import { randomBytes } from 'node:crypto';
import { HOUR_MS } from './dates';

/**
 * Twilio's media CDN. Fetching a media file (`…/Media/{ME}`, Basic auth) answers 307 to a short-lived
 * signed URL on `mms.twiliocdn.com` that needs no auth; Twilio documents it as valid for 4 hours. Real
 * URLs look like `https://mms.twiliocdn.com/{AC}/{32 hex}?Expires=…&Signature=…&Key-Pair-Id=…`; the
 * fake's are `https://mms.twiliocdn.com/__cdn/{AC}/{token}`: the `/__cdn/` prefix keeps them apart from
 * every Twilio path when all hosts are forwarded to one origin, and the token (random, one per redirect)
 * stands for the whole signature, so forwarding the path alone is enough.
 */
export const CDN_ORIGIN = 'https://mms.twiliocdn.com';
export const CDN_PREFIX = '/__cdn/';
export const CDN_LINK_TTL_MS = 4 * HOUR_MS;

export interface CdnLink {
  accountSid: string;
  messageSid: string;
  mediaSid: string;
  /** Fake-clock ms; the link works while `now < expiresAt`. */
  expiresAt: number;
}

export class CdnLinks {
  #links = new Map<string, CdnLink>();
  /** Where the signed links point: Twilio's CDN host, or the fake's own origin for a client that reaches only the fake. */
  origin = CDN_ORIGIN;

  /** A new signed URL for one media file, valid for CDN_LINK_TTL_MS of fake time from `now`. */
  issue(link: Omit<CdnLink, 'expiresAt'>, now: number): string {
    if (this.#links.size >= 10_000) this.#prune(now);
    const token = randomBytes(16).toString('hex');
    this.#links.set(token, { ...link, expiresAt: now + CDN_LINK_TTL_MS });
    return `${this.origin}${cdnPath(link.accountSid, token)}`;
  }

  /** The link a CDN path names, expired or not; undefined when the fake never issued it. */
  find(accountSid: string, token: string): CdnLink | undefined {
    const link = this.#links.get(token);
    return link?.accountSid === accountSid ? link : undefined;
  }

  clear(): void {
    this.#links.clear();
  }

  #prune(now: number): void {
    for (const [token, link] of this.#links) if (link.expiresAt <= now) this.#links.delete(token);
  }
}

export function cdnPath(accountSid: string, token: string): string {
  return `${CDN_PREFIX}${accountSid}/${token}`;
}
