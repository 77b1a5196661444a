import { notFound } from '../errors';
import { TOKEN_SCHEMES, slicePage } from '../logic/paging';
import { createContent, submitForApproval, updateContent } from '../logic/content-request';
import {
  CONTENT_ORIGIN,
  renderApproval,
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

/** `POST /v1/Content` (JSON): a new template, unsubmitted. */
export const createContentRoute: TwilioRoute = {
  method: 'POST',
  pattern: /^\/v1\/Content$/,
  handle: ({ store, json, now }) => ({ status: 201, body: renderContent(createContent(store, json, now), store.credentials.accountSid) }),
};

/** `PUT /v1/Content/{HX}` (JSON, the spec's UpdateContent): only while unsubmitted. */
export const updateContentRoute: TwilioRoute = {
  method: 'PUT',
  pattern: /^\/v1\/Content\/(?<sid>[^/]+)$/,
  handle: ({ store, path, params, json, now }) => ({
    status: 200,
    body: renderContent(updateContent(store, findTemplate(store, params.sid, path), json, now), store.credentials.accountSid),
  }),
};

/** `DELETE /v1/Content/{HX}`: 204, no body. */
export const deleteContentRoute: TwilioRoute = {
  method: 'DELETE',
  pattern: /^\/v1\/Content\/(?<sid>[^/]+)$/,
  handle: ({ store, path, params }) => {
    store.deleteTemplate(findTemplate(store, params.sid, path).sid);
    return { status: 204, body: null };
  },
};

/** `POST /v1/Content/{HX}/ApprovalRequests/whatsapp` (JSON `{name, category}`): WhatsApp has received it. */
export const createApprovalRequest: TwilioRoute = {
  method: 'POST',
  pattern: /^\/v1\/Content\/(?<sid>[^/]+)\/ApprovalRequests\/whatsapp$/,
  handle: ({ store, path, params, json, now }) => ({
    status: 201,
    body: renderApproval(submitForApproval(store, findTemplate(store, params.sid, path), json, now)),
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
