import * as v from 'valibot';
import { CONTENT_MESSAGES, type ApiError, type MessageName, type RequestOf, type ResponseOf, type Result } from './protocol';
import { requestSchemas } from './schemas';
import { classifySender, type SenderFields, type SenderKind } from './sender';

/** Who asked: the kind, and the URL of the page (for a content script, the Pipedrive page it runs in). */
export interface Asker {
  kind: Exclude<SenderKind, 'unknown'>;
  url: string;
  /** For a content script: its tab, and its document when the browser says (for a script injected into that page). */
  tabId?: number;
  documentId?: string;
}

export type Handlers = { [N in MessageName]: (payload: RequestOf<N>, asker: Asker) => Promise<ResponseOf<N>> };

/** Thrown by a handler to answer with a specific error code instead of 'internal'. */
export class HandlerError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

const fail = (code: ApiError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

function isMessageName(value: unknown): value is MessageName {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

/**
 * The background's single entry point for runtime messages: classify the sender, check the allowlist, validate
 * the payload, then call the handler. Errors come back as values; nothing thrown crosses the boundary.
 */
export function createRouter(handlers: Handlers, extension: { id: string; baseUrl: string }) {
  return async function route(message: unknown, sender: SenderFields): Promise<Result<unknown>> {
    const from = classifySender(sender, extension.id, extension.baseUrl);
    if (from === 'unknown') return fail('forbidden', 'Messages are only accepted from the extension and Pipedrive tabs');
    if (!message || typeof message !== 'object') return fail('invalid-request', 'A message must be an object');
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (!isMessageName(type)) return fail('unknown-message', 'Unknown message');
    if (from === 'content' && !CONTENT_MESSAGES.includes(type)) return fail('forbidden', `${type} is not available to web pages`);

    const parsed = v.safeParse(requestSchemas[type], payload);
    if (!parsed.success) return fail('invalid-request', v.summarize(parsed.issues));
    const handler = handlers[type] as (payload: unknown, asker: Asker) => Promise<unknown>;
    try {
      const asker: Asker = { kind: from, url: sender.url ?? '', tabId: sender.tab?.id, documentId: sender.documentId };
      return { ok: true, value: await handler(parsed.output, asker) };
    } catch (error) {
      if (error instanceof HandlerError) return { ok: false, error: error.error };
      // Never echo an unexpected error's text: it could carry request details.
      console.error('[whatsapp-templates] handler failed:', type, error instanceof Error ? error.name : typeof error);
      return fail('internal', 'Something went wrong in the extension');
    }
  };
}
