import { pipedriveTokenRepo } from '../db/secrets';
import type { PipedriveRecordRequest } from '../messaging/protocol';
import type { Asker } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import { isReadPath } from '../pipedrive/api-paths';

const PIPEDRIVE_HOST = /^(?:[a-z0-9-]+\.)*pipedrive\.com$/;

/**
 * A Pipedrive record, read with the rep's personal API token when the page's own session was refused: only one of
 * the five record paths, only from the Pipedrive company the asking tab is on (never a host the page chooses), and
 * the token never leaves this worker.
 */
export async function getPipedriveRecord({ path }: PipedriveRecordRequest, asker: Asker): Promise<{ body: unknown }> {
  if (!isReadPath(path)) throw new HandlerError({ code: 'invalid-request', message: 'Not a Pipedrive record path the extension reads' });
  const token = await pipedriveTokenRepo.load();
  if (!token) throw new HandlerError({ code: 'not-found', message: 'No personal Pipedrive API token is set' });
  const origin = new URL(asker.url);
  if (origin.protocol !== 'https:' || !PIPEDRIVE_HOST.test(origin.hostname)) {
    throw new HandlerError({ code: 'forbidden', message: 'Only for Pipedrive pages' });
  }
  const url = new URL(path, origin.origin);
  url.searchParams.set('api_token', token);
  const response = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  if (!response?.ok) throw new HandlerError({ code: 'not-found', message: 'Pipedrive did not return this record' });
  return { body: (await response.json()) as unknown };
}
