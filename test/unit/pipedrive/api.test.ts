import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRecordContext, recordRefFromUrl, type FetchJson, type RecordRef } from '@/lib/pipedrive/api';

// The test Pipedrive's records (the e2e harness serves the same file): realistic v2 and v1 shapes.
const RECORDS = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/pipedrive/records.json'), 'utf8')) as Record<string, Record<string, object>>;
const LEAD = '3f1c9a2e-c8b1-11f0-9d4e-0242ac130003';
const answer = (data: unknown) => ({ success: true, data });

/** A fake Pipedrive for `readRecordContext`: the fixture records by path, with changes per test. */
function fakeApi(overrides: Record<string, unknown> = {}) {
  const asked: string[] = [];
  const paths: Record<string, unknown> = {};
  for (const [collection, version] of [['persons', 'v2'], ['deals', 'v2'], ['organizations', 'v2'], ['leads', 'v1'], ['users', 'v1']] as const) {
    for (const [id, data] of Object.entries(RECORDS[collection]!)) paths[`/api/${version}/${collection}/${id}`] = answer(data);
  }
  Object.assign(paths, overrides);
  const fetchJson: FetchJson = async (p) => {
    asked.push(p);
    const body = paths[p];
    if (body instanceof Error) throw body;
    return body;
  };
  return { fetchJson, asked };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recordRefFromUrl', () => {
  it.each<[string, RecordRef | undefined]>([
    ['https://acme.pipedrive.com/person/101', { kind: 'person', id: '101' }],
    ['https://acme.pipedrive.com/person/101/', { kind: 'person', id: '101' }],
    ['https://acme.pipedrive.com/person/101/activities?tab=notes#x', { kind: 'person', id: '101' }],
    ['https://acme.pipedrive.com/deal/201', { kind: 'deal', id: '201' }],
    [`https://acme.pipedrive.com/leads/inbox/${LEAD}`, { kind: 'lead', id: LEAD }],
    [`https://acme.pipedrive.com/leads/${LEAD}`, { kind: 'lead', id: LEAD }],
    [`https://acme.pipedrive.com/leads/inbox/${LEAD.toUpperCase()}`, { kind: 'lead', id: LEAD }],
    ['https://acme.pipedrive.com/person/101abc', undefined],
    ['https://acme.pipedrive.com/person/0', undefined],
    ['https://acme.pipedrive.com/person/1234567890123', undefined],
    ['https://acme.pipedrive.com/person/..%2F101', undefined],
    ['https://acme.pipedrive.com/persons/list', undefined],
    ['https://acme.pipedrive.com/deal/', undefined],
    ['https://acme.pipedrive.com/leads/inbox', undefined],
    ['https://acme.pipedrive.com/leads/inbox/201', undefined],
    ['https://acme.pipedrive.com/leads/3f1c9a2e-c8b1-11f0-9d4e', undefined],
    ['https://acme.pipedrive.com/messaging/inbox/c-mari', undefined],
    ['https://acme.pipedrive.com/organization/11', undefined],
    ['https://acme.pipedrive.com/x/person/101', undefined],
  ])('%s → %j', (url, expected) => {
    expect(recordRefFromUrl(new URL(url))).toEqual(expected);
  });
});

describe('readRecordContext', () => {
  it('reads a person: phones in Pipedrive’s order with the primary flagged, the organisation and the owner', async () => {
    const { fetchJson, asked } = fakeApi();
    await expect(readRecordContext({ kind: 'person', id: '104' }, fetchJson)).resolves.toEqual({
      person: {
        id: '104', name: 'Ann Smith', firstName: 'Ann', organisation: 'Smith & Co', owner: 'Kristjan Kask',
        phones: [{ value: '020 7183 8750', label: 'work', isPrimary: false }, { value: '+44 7911 123456', label: 'mobile', isPrimary: true }],
      },
    });
    expect(asked).toEqual(['/api/v2/persons/104', '/api/v2/organizations/12', '/api/v1/users/7']);
  });

  it('reads a deal’s person, and asks for a user once when the deal and its person have the same owner', async () => {
    const { fetchJson, asked } = fakeApi();
    const context = await readRecordContext({ kind: 'deal', id: '201' }, fetchJson);
    expect(context).toEqual({
      deal: { id: '201', title: 'Laptop order #4411', owner: 'Kristjan Kask' },
      person: { id: '101', name: 'Mari Tamm', firstName: 'Mari', organisation: 'Tamm OÜ', owner: 'Kristjan Kask', phones: [{ value: '+372 5123 4567', label: 'mobile', isPrimary: true }] },
    });
    expect(asked.sort()).toEqual(['/api/v1/users/7', '/api/v2/deals/201', '/api/v2/organizations/11', '/api/v2/persons/101']);
  });

  it('reads a lead (v1) and its person', async () => {
    const { fetchJson } = fakeApi();
    await expect(readRecordContext({ kind: 'lead', id: LEAD }, fetchJson)).resolves.toEqual({
      lead: { id: LEAD, title: 'Moving the appointment: clinic chairs', owner: 'Liis Mets' },
      // No organisation: Lucía's person has none (org_id null), so none is asked for.
      person: { id: '105', name: 'Lucía García', firstName: 'Lucía', organisation: undefined, owner: 'Liis Mets', phones: [{ value: '+34 600 12 34 56', label: 'mobile', isPrimary: true }] },
    });
  });

  it('reads a deal without a person, and a lead whose person cannot be read', async () => {
    const { fetchJson, asked } = fakeApi({
      '/api/v2/deals/202': answer({ id: 202, title: 'Fair stand', person_id: null, owner_id: 8, org_id: null }),
      '/api/v2/persons/105': undefined,
    });
    await expect(readRecordContext({ kind: 'deal', id: '202' }, fetchJson)).resolves.toEqual({ deal: { id: '202', title: 'Fair stand', owner: 'Liis Mets' } });
    expect(asked).not.toContain('/api/v2/persons/null');
    await expect(readRecordContext({ kind: 'lead', id: LEAD }, fetchJson)).resolves.toEqual({ lead: { id: LEAD, title: 'Moving the appointment: clinic chairs', owner: 'Liis Mets' } });
  });

  it('leaves the organisation or owner out when that lookup fails, and still reads the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unreadable = fakeApi({ '/api/v2/organizations/12': undefined });
    await expect(readRecordContext({ kind: 'person', id: '104' }, unreadable.fetchJson)).resolves.toMatchObject({ person: { name: 'Ann Smith', organisation: undefined, owner: 'Kristjan Kask' } });
    const reshaped = fakeApi({ '/api/v1/users/7': answer({ id: 7, name: { first: 'Kristjan' } }) });
    await expect(readRecordContext({ kind: 'person', id: '104' }, reshaped.fetchJson)).resolves.toMatchObject({ person: { organisation: 'Smith & Co', owner: undefined } });
    expect(warn).toHaveBeenCalledWith('[whatsapp-templates]', expect.stringContaining('/api/v1/users/7 has changed shape: data.name'));
    const failing = fakeApi({ '/api/v2/organizations/12': new Error('network'), '/api/v1/users/7': new Error('network') });
    await expect(readRecordContext({ kind: 'person', id: '104' }, failing.fetchJson)).resolves.toMatchObject({ person: { organisation: undefined, owner: undefined, phones: [{}, {}] } });
  });

  it('asks for the organisation and the owner at the same time', async () => {
    const { fetchJson } = fakeApi();
    const pending: string[] = [];
    const release: Array<() => void> = [];
    const slow: FetchJson = (p) => {
      if (p.startsWith('/api/v2/persons/')) return fetchJson(p);
      pending.push(p);
      return new Promise((resolve) => release.push(() => resolve(fetchJson(p))));
    };
    const context = readRecordContext({ kind: 'person', id: '101' }, slow);
    await vi.waitFor(() => expect(pending).toEqual(['/api/v2/organizations/11', '/api/v1/users/7']));
    release.forEach((go) => go());
    await expect(context).resolves.toMatchObject({ person: { organisation: 'Tamm OÜ', owner: 'Kristjan Kask' } });
  });

  it('answers nothing for a record that cannot be read, and rejects one whose shape changed', async () => {
    const { fetchJson } = fakeApi({ '/api/v2/persons/404': undefined, '/api/v2/deals/201': answer({ id: 201, title: 'Laptop order #4411', person_id: { value: 101 } }) });
    await expect(readRecordContext({ kind: 'person', id: '404' }, fetchJson)).resolves.toEqual({});
    await expect(readRecordContext({ kind: 'deal', id: '201' }, fetchJson)).rejects.toThrow(/\/api\/v2\/deals\/201 has changed shape: data\.person_id/);
  });

  it('drops empty and overlong phone entries, and keeps at most 20', async () => {
    const phones = [{ value: '', primary: true }, { value: '1'.repeat(65), primary: false }, ...Array.from({ length: 30 }, (_, i) => ({ value: `+372 5000 ${1000 + i}`, primary: false, label: null }))];
    const { fetchJson } = fakeApi({ '/api/v2/persons/9': answer({ id: 9, name: 'Many Numbers', phones, org_id: null, owner_id: null }) });
    const { person } = await readRecordContext({ kind: 'person', id: '9' }, fetchJson);
    expect(person?.phones).toHaveLength(20);
    expect(person?.phones[0]).toEqual({ value: '+372 5000 1000', isPrimary: false });
  });
});
