import { fetchAccount } from './accounts';
import {
  createApprovalRequest,
  createContentRoute,
  deleteContentRoute,
  fetchApprovalRequests,
  fetchContent,
  listContent,
  listContentAndApprovals,
  updateContentRoute,
} from './content';
import type { TwilioRoute } from './context';
import { fetchMedia, fetchMediaFile, listMedia } from './media';
import { createMessage, fetchMessage, listMessages } from './messages';
import { listSenders } from './senders';

/**
 * Every Twilio endpoint the fake serves; the paths of api., content. and messaging.twilio.com share one
 * origin. (The media CDN under `/__cdn/` is no Twilio API and needs no auth: routes/cdn.ts.)
 */
export const TWILIO_ROUTES: readonly TwilioRoute[] = [
  fetchAccount,
  listMessages,
  createMessage,
  fetchMessage,
  listMedia,
  fetchMedia,
  fetchMediaFile,
  listContent,
  listContentAndApprovals,
  fetchContent,
  createContentRoute,
  updateContentRoute,
  deleteContentRoute,
  fetchApprovalRequests,
  createApprovalRequest,
  listSenders,
];

export type RouteMatch =
  | { kind: 'found'; route: TwilioRoute; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'unknown' };

export function matchRoute(method: string, path: string): RouteMatch {
  let pathKnown = false;
  for (const route of TWILIO_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { kind: 'found', route, params: { ...match.groups } };
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'unknown' };
}
