import type { UnknownNumberApi } from '@/components/inbox/UnknownNumber';
import type { Result } from '@/lib/messaging/protocol';
import { callBackground } from '@/lib/messaging/client';
import { personPath } from '@/lib/pipedrive/api-paths';
import { parseAnswer, personAnswer } from '@/lib/pipedrive/api-schemas';
import { searchPersonsByName, type PersonFound } from '@/lib/pipedrive/person-search';
import { personWriteRequest, pipedriveRefusal, type PersonWrite } from '@/lib/pipedrive/person-write';
import { readWithSessionOrToken } from './conversation-api';
import { requestWithSession } from './page-fetch';

type Saved = Result<{ id: number; name: string }>;

const failed = (message: string): { ok: false; error: { code: 'pipedrive-refused'; message: string } } => ({ ok: false, error: { code: 'pipedrive-refused', message } });

function savedPerson(path: string, body: unknown): Saved {
  try {
    const { data } = parseAnswer(personAnswer, path, body);
    return { ok: true, value: { id: data.id, name: data.name ?? '' } };
  } catch {
    return failed('Pipedrive answered in a way the extension does not know');
  }
}

/** A person write with the page's session first, then (refused) through the background with the rep's token. */
async function writePerson(write: PersonWrite): Promise<Saved> {
  const request = personWriteRequest(write);
  try {
    const { status, body } = await requestWithSession(request.method, request.path, JSON.stringify(request.body));
    if (status >= 200 && status < 300) return savedPerson(request.path, body);
    if (status !== 401 && status !== 403) return failed(pipedriveRefusal(status, body));
  } catch {
    // The session could not be used (or the answer was a login page): the token below.
  }
  const answer = await callBackground('writePipedrivePerson', write);
  return answer.ok ? savedPerson(request.path, answer.value.body) : answer;
}

/** "Add to Pipedrive" and "Link to a person", for a number from the inbox no person has. */
export function createUnknownNumberApi(number: string): UnknownNumberApi {
  return {
    addPerson: (name) => writePerson({ kind: 'create', name: name.slice(0, 200), phone: number }),
    searchPersons: async (term): Promise<Result<PersonFound[]>> => {
      const found = await searchPersonsByName(term, readWithSessionOrToken).catch(() => undefined);
      return found ? { ok: true, value: found } : failed('Pipedrive could not be searched');
    },
    linkPerson: async (personId) => {
      // A PATCH replaces the whole list: the person's phones as they are now go along with the new one.
      const path = personPath(String(personId));
      const body = await readWithSessionOrToken(path);
      if (body === undefined) return failed('The person could not be read from Pipedrive');
      const current = parseAnswer(personAnswer, path, body).data.phones.slice(0, 19);
      const phones = current.map((phone) => ({ value: phone.value.slice(0, 64), ...(phone.label && { label: phone.label }), primary: phone.primary === true }));
      return writePerson({ kind: 'add-phone', personId, phone: number, phones });
    },
  };
}
