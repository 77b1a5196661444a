import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { pipedriveTokenRepo, type PipedriveToken } from '../account/secrets-repo';
import type { PipedriveRecordRequest } from '../messaging/protocol';
import type { Asker } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import { CURRENT_USER_URL, isReadPath } from './api-paths';
import { currentUserAnswer, parseAnswer, PipedriveShapeError } from './api-schemas';
import { NOTE_CALL, noteHttpAnswerSchema, type NoteCall, type NoteCommand, type NoteHttpAnswer, type NoteHttpRequest } from './notes-api';
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
  const response = await getWithToken(`https://${companyHost}${request.path}`, token, { method: request.method, body: JSON.stringify(request.body) });
  if (response.status === 401 || response.status === 403) throw refused();
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new HandlerError({ code: 'pipedrive-refused', message: pipedriveRefusal(response.status, body) });
  return { body };
}

/** A request with the token (a GET unless `write` is given, with a JSON body); redirects are refused, so the header cannot follow one to another host. */
async function getWithToken(url: string, token: string, write?: { method: 'POST' | 'PATCH'; body: string }): Promise<Response> {
  try {
    return await fetch(url, {
      ...(write && { method: write.method, body: write.body }),
      headers: { 'x-api-token': token, Accept: 'application/json', ...(write && { 'Content-Type': 'application/json' }) },
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

/**
 * A notes request (lib/pipedrive/notes-api: add a note, list a person's newest notes) with the rep's token, for the
 * background's note queue. Undefined when there is no token of `companyHost`'s company: the token is only ever sent
 * to its own company. Rejects (`unreachable`) when Pipedrive could not be reached.
 */
export async function noteRequestWithToken(companyHost: string, request: NoteHttpRequest): Promise<NoteHttpAnswer | undefined> {
  const saved = await pipedriveTokenRepo.load();
  if (!saved) return undefined;
  const { token, companyHost: tokenHost } = saved.companyHost ? { token: saved.token, companyHost: saved.companyHost } : await loadToken();
  if (tokenHost !== companyHost) return undefined;
  const response = await getWithToken(`https://${companyHost}${request.path}`, token, request.method === 'POST' ? { method: 'POST', body: request.body ?? '' } : undefined);
  let body: unknown;
  try {
    body = (await response.json()) as unknown;
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

/**
 * A notes command done by an open Pipedrive tab of `companyHost` with the page's own session (its content script
 * validates the command and makes only that request). The tabs are asked one after the other until one answers;
 * undefined when no tab of that company is open, `unanswered` when tabs were asked and none answered (no content
 * script in them, or the tab closed while its request was under way: the request may have reached Pipedrive).
 */
export async function noteRequestViaTab(companyHost: string, command: NoteCommand): Promise<NoteHttpAnswer | 'unanswered' | undefined> {
  const tabs = await browser.tabs.query({ url: `https://${companyHost}/*` });
  const call: NoteCall = { type: NOTE_CALL, command };
  let wasAsked = false;
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    // Checked again: the query matched the URL, but a tab may have navigated away since.
    if (!tab.url || new URL(tab.url).hostname !== companyHost) continue;
    wasAsked = true;
    try {
      const answer: unknown = await browser.tabs.sendMessage(tab.id, call, { frameId: 0 });
      const parsed = v.safeParse(noteHttpAnswerSchema, answer);
      if (parsed.success) return parsed.output;
    } catch {
      // No content script in that tab (still loading, or opened before the extension), or it closed: the next one.
    }
  }
  return wasAsked ? 'unanswered' : undefined;
}
