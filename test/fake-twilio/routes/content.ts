import { notFound } from '../errors';
import { TOKEN_SCHEMES, slicePage } from '../logic/paging';
import {
  CONTENT_ORIGIN,
  renderApprovalFetch,
  renderContent,
  renderContentAndApprovals,
} from '../render/content';
import { productMeta } from '../render/lists';
import type { FakeStore } from '../store';
import type { TemplateRecord } from '../types';
import { readPageRequest, sidOrderCursor, type RouteAnswer, type TwilioContext, type TwilioRoute } from './context';

/** `GET /v1/Content`: templates without approval data. */
export const listContent: TwilioRoute = {
  method: 'GET',
  pattern: /^\/v1\/Content$/,
  handle: (context) => listTemplates(context, '/v1/Content', renderContent),
};

/** `GET /v1/ContentAndApprovals`: templates with their WhatsApp approval, the list clients sync. */
export const listContentAndApprovals: TwilioRoute = {
  method: 'GET',
  pattern: /^\/v1\/ContentAndApprovals$/,
  handle: (context) => listTemplates(context, '/v1/ContentAndApprovals', renderContentAndApprovals),
};

/** `GET /v1/Content/{HX}` */
export const fetchContent: TwilioRoute = {
  method: 'GET',
  pattern: /^\/v1\/Content\/(?<sid>[^/]+)$/,
  handle: ({ store, path, params }) => ({
    status: 200,
    body: renderContent(findTemplate(store, params.sid, path), store.credentials.accountSid),
  }),
};

/** `GET /v1/Content/{HX}/ApprovalRequests` */
export const fetchApprovalRequests: TwilioRoute = {
  method: 'GET',
  pattern: /^\/v1\/Content\/(?<sid>[^/]+)\/ApprovalRequests$/,
  handle: ({ store, path, params }) => ({
    status: 200,
    body: renderApprovalFetch(findTemplate(store, params.sid, path), store.credentials.accountSid),
  }),
};

function findTemplate(store: FakeStore, sid: string | undefined, path: string): TemplateRecord {
  const template = sid === undefined ? undefined : store.template(sid);
  if (!template) throw notFound(path);
  return template;
}

function listTemplates(
  { store, query }: TwilioContext,
  path: string,
  render: (template: TemplateRecord, accountSid: string) => unknown,
): RouteAnswer {
  const request = readPageRequest(query, 50);
  const slice = slicePage(store.templates(), request.pageSize, sidOrderCursor<TemplateRecord>(request.pageToken));
  return {
    status: 200,
    body: {
      contents: slice.items.map((t) => render(t, store.credentials.accountSid)),
      meta: productMeta(`${CONTENT_ORIGIN}${path}`, 'contents', {
        params: [],
        request,
        slice,
        scheme: TOKEN_SCHEMES.product,
      }),
    },
  };
}
