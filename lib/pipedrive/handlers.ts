import { pipedriveTokenRepo, type PipedriveToken } from '../account/secrets-repo';
import type { PipedriveRecordRequest } from '../messaging/protocol';
import type { Asker } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import { CURRENT_USER_URL, isReadPath } from './api-paths';
import { currentUserAnswer, parseAnswer, PipedriveShapeError } from './api-schemas';
import { personWriteRequest, pipedriveRefusal, type PersonWrite } from './person-write';

/**
 * The rep's personal Pipedrive token, in the background only. It goes in the `x-api-token` header (never in a URL,
 * where it would end up in logs and histories), only to `https://api.pipedrive.com` (to learn whose it is) and to
 * its own company's host, which Pipedrive names when the token is saved; never to a host a page chooses.
 */

const TIMEOUT_MS = 10_000;

const refused = () => new HandlerError({ code: 'bad-secret', message: 'Pipedrive refused this token' });

/**
 * A new person with the inbox's number, or the number added to a person, with the rep's token (the page's session was
 * refused): the request is built here from the checked write, for a tab on the token's company only.
 */
export async function writePipedrivePerson(write: PersonWrite, asker: Asker): Promise<{ body: unknown }> {
  const { token, companyHost } = await tokenForTab(asker);
  const request = personWriteRequest(write);
  let response: Response;
  try {
    response = await fetch(`https://${companyHost}${request.path}`, {
      method: request.method,
      headers: { 'x-api-token': token, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(request.body),
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new HandlerError({ code: 'unreachable', message: 'Pipedrive could not be reached' });
  }
  if (response.status === 401 || response.status === 403) throw refused();
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new HandlerError({ code: 'pipedrive-refused', message: pipedriveRefusal(response.status, body) });
  return { body };
}

/** A GET with the token; redirects are refused, so the header cannot follow one to another host. */
async function getWithToken(url: string, token: string): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { 'x-api-token': token, Accept: 'application/json' },
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new HandlerError({ code: 'unreachable', message: 'Pipedrive could not be reached' });
  }
}

/** Asks Pipedrive whose token this is: the host of its company (`acme` → `acme.pipedrive.com`). */
export async function learnCompanyHost(token: string): Promise<string> {
  const response = await getWithToken(CURRENT_USER_URL, token);
  if (response.status === 401 || response.status === 403) throw refused();
  if (!response.ok) throw new HandlerError({ code: 'unreachable', message: `Pipedrive answered ${response.status}; try again later` });
  try {
    const body = (await response.json()) as unknown;
    return `${parseAnswer(currentUserAnswer, '/api/v1/users/me', body).data.company_domain}.pipedrive.com`;
  } catch (error) {
    const message = error instanceof PipedriveShapeError ? error.message : 'Pipedrive answered something other than JSON';
    throw new HandlerError({ code: 'internal', message });
  }
}

/** Checks the token with Pipedrive and keeps it with its company's host. */
export async function setPipedriveToken({ token }: { token: string | null }): Promise<{ hasToken: boolean; companyHost?: string }> {
  if (token === null) {
    await pipedriveTokenRepo.forget();
    return { hasToken: false };
  }
  const companyHost = await learnCompanyHost(token);
  await pipedriveTokenRepo.save({ token, companyHost });
  return { hasToken: true, companyHost };
}

/** The saved token with its company's host; a token saved before hosts were kept is checked (and completed) first. */
async function loadToken(): Promise<Required<PipedriveToken>> {
  const saved = await pipedriveTokenRepo.load();
  if (!saved) throw new HandlerError({ code: 'not-found', message: 'No personal Pipedrive API token is set' });
  if (saved.companyHost) return { token: saved.token, companyHost: saved.companyHost };
  const companyHost = await learnCompanyHost(saved.token);
  await pipedriveTokenRepo.save({ token: saved.token, companyHost });
  return { token: saved.token, companyHost };
}

/** The token, for a tab on its own company only: another company's tab (or an extension page) gets nothing with it. */
async function tokenForTab(asker: Asker): Promise<{ token: string; companyHost: string }> {
  let tab: URL;
  try {
    tab = new URL(asker.url);
  } catch {
    throw new HandlerError({ code: 'forbidden', message: 'Only for Pipedrive pages' });
  }
  if (tab.protocol !== 'https:' || !tab.hostname.endsWith('.pipedrive.com')) throw new HandlerError({ code: 'forbidden', message: 'Only for Pipedrive pages' });
  const { token, companyHost } = await loadToken();
  if (tab.hostname !== companyHost) throw new HandlerError({ code: 'forbidden', message: 'The saved Pipedrive token is for another company' });
  return { token, companyHost };
}

/**
 * A record the page's own session could not read, read with the rep's token: only an allowlisted record path, only
 * for a tab on the token's company, and only from that company's host.
 */
export async function getPipedriveRecord({ path }: PipedriveRecordRequest, asker: Asker): Promise<{ body: unknown }> {
  if (!isReadPath(path)) throw new HandlerError({ code: 'invalid-request', message: 'Not a Pipedrive record path the extension reads' });
  const { token, companyHost } = await tokenForTab(asker);
  const response = await getWithToken(`https://${companyHost}${path}`, token);
  if (response.status === 401 || response.status === 403) throw refused();
  if (!response.ok) throw new HandlerError({ code: 'not-found', message: `Pipedrive did not return this record (${response.status})` });
  try {
    return { body: (await response.json()) as unknown };
  } catch {
    throw new HandlerError({ code: 'not-found', message: 'Pipedrive answered something other than JSON' });
  }
}
