import { describe, expect, it } from 'vitest';
import { isReadPath, personSearchPath } from '@/lib/pipedrive/api-paths';
import { phoneSearchTerms, personWithNumber } from '@/lib/pipedrive/person-match';
import { searchPersonsByName, searchPersonsByPhone } from '@/lib/pipedrive/person-search';
import type { FetchJson } from '@/lib/pipedrive/api';

/** The page searches with the background's terms; the background says which found person has the number. */
async function findPersonByNumber(e164: string, fetchJson: FetchJson) {
  const found = await searchPersonsByPhone(phoneSearchTerms(e164), fetchJson);
  return found === undefined ? undefined : personWithNumber(e164, found);
}
import { personWriteRequest, pipedriveRefusal } from '@/lib/pipedrive/person-write';

/** Pipedrive's search as it answers: the term's digits anywhere in a stored number's digits. */
function pipedrive(persons: Array<{ id: number; name: string; phones: string[] }>) {
  const asked: string[] = [];
  const fetchJson = async (path: string) => {
    asked.push(path);
    const url = new URL(path, 'https://acme.pipedrive.com');
    const term = url.searchParams.get('term')!;
    const digits = (text: string) => text.replace(/\D/g, '');
    const found = url.searchParams.get('fields') === 'phone'
      ? persons.filter((p) => p.phones.some((phone) => digits(phone).includes(digits(term))))
      : persons.filter((p) => p.name.toLowerCase().includes(term.toLowerCase()));
    return { success: true, data: { items: found.map((item) => ({ result_score: 1, item: { ...item, type: 'person' } })) } };
  };
  return { asked, fetchJson };
}

describe('finding the person with a number (search terms, the search, the match)', () => {
  it('finds a person by the number with its country code, and accepts only the same WhatsApp number', async () => {
    const { asked, fetchJson } = pipedrive([
      { id: 1, name: 'Almost Mari', phones: ['+372 5123 45670'] },
      { id: 101, name: 'Mari Tamm', phones: ['+372 5123 4567'] },
    ]);
    expect(await findPersonByNumber('+37251234567', fetchJson)).toMatchObject({ id: 101, name: 'Mari Tamm' });
    expect(asked).toEqual(['/api/v2/persons/search?term=37251234567&fields=phone&limit=10']);
  });

  it('asks again in the national form for numbers stored without the country code', async () => {
    const { asked, fetchJson } = pipedrive([{ id: 104, name: 'Ann Smith', phones: ['07911 123456'] }]);
    expect(await findPersonByNumber('+447911123456', fetchJson)).toMatchObject({ id: 104 });
    expect(asked).toHaveLength(2);
  });

  it('matches Mexico’s WhatsApp form (+521) against the dialled form (+52)', async () => {
    const { fetchJson } = pipedrive([{ id: 302, name: 'Sofía Hernández', phones: ['+52 55 1234 5678'] }]);
    expect(await findPersonByNumber('+5215512345678', fetchJson)).toMatchObject({ id: 302 });
  });

  it('says null when nobody has it, and undefined when Pipedrive could not be asked', async () => {
    expect(await findPersonByNumber('+37255550000', pipedrive([]).fetchJson)).toBeNull();
    expect(await findPersonByNumber('+37255550000', async () => undefined)).toBeUndefined();
  });

  it('searches names, encoding every character a path could misuse', async () => {
    const { asked, fetchJson } = pipedrive([{ id: 9, name: "Siobhán O'Brien", phones: [] }]);
    expect(await searchPersonsByName("o'bri", fetchJson)).toEqual([{ id: 9, name: "Siobhán O'Brien", phones: [] }]);
    expect(asked).toEqual(['/api/v2/persons/search?term=o%27bri&fields=name&limit=10']);
  });
});

describe('the paths the token may read', () => {
  it.each([
    [personSearchPath('37251234567', 'phone'), true],
    [personSearchPath('Mari Tamm', 'name'), true],
    [personSearchPath('../../v1/users', 'name'), true], // encoded: one term, no dot segment
    ['/api/v2/persons/search?term=x&fields=phone&limit=10', false], // under 2 characters
    ['/api/v2/persons/search?term=ab&fields=notes&limit=10', false],
    ['/api/v2/persons/search?term=ab&fields=name&limit=10&api_token=1', false],
    ['/api/v2/persons/search?term=a.b&fields=name&limit=10', false],
  ])('%s → %s', (path, expected) => expect(isReadPath(path)).toBe(expected));
});

describe('personWriteRequest', () => {
  it('creates a person with the number as their mobile', () => {
    expect(personWriteRequest({ kind: 'create', name: '  Kadri Kuusk ', phone: '+37255550000' })).toEqual({
      method: 'POST', path: '/api/v2/persons', body: { name: 'Kadri Kuusk', phones: [{ value: '+37255550000', label: 'mobile', primary: true }] },
    });
  });

  it('adds the number to a person, sending the phones they have (a PATCH replaces the list)', () => {
    expect(personWriteRequest({ kind: 'add-phone', personId: 101, phone: '+37255550000', phones: [{ value: '+372 5123 4567', label: 'work', primary: true }] })).toEqual({
      method: 'PATCH', path: '/api/v2/persons/101',
      body: { phones: [{ value: '+372 5123 4567', label: 'work', primary: true }, { value: '+37255550000', label: 'mobile', primary: false }] },
    });
  });

  it('says a refusal in Pipedrive’s words', () => {
    expect(pipedriveRefusal(400, { success: false, error: 'Name must be given' })).toBe('Pipedrive refused it: Name must be given');
    expect(pipedriveRefusal(500, '<html>')).toBe('Pipedrive refused it (500)');
  });
});
