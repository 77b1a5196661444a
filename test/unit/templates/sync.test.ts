import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../fake-twilio';
import { freshDb, httpAgainst } from '../helpers/fake-http';
import { templatesRepo } from '@/lib/templates/repo';
import { getDb } from '@/lib/db/schema';
import { syncRepo } from '@/lib/sync/repo';
import { syncTemplates } from '@/lib/templates/sync';

let fake: FakeTwilio;
beforeEach(async () => {
  await freshDb();
  fake = await startFakeTwilio({ seed: 'demo' });
});
afterEach(() => fake.close());

const contentRequests = () => fake.control.requests().filter((r) => r.path === '/v1/ContentAndApprovals');

describe('syncTemplates', () => {
  it('fetches every page, stores every template with its approval status, and reports progress', async () => {
    const progress: Array<{ pages: number; items: number }> = [];
    const counts = await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now, pageSize: 10, onProgress: (p) => void progress.push(p) });

    const stored = await templatesRepo.all();
    expect(contentRequests()).toHaveLength(Math.ceil(stored.length / 10));
    expect(stored.length).toBeGreaterThanOrEqual(35);
    expect(counts).toEqual({ added: stored.length, changed: 0, removed: 0, total: stored.length });
    expect(progress.map((p) => p.pages)).toEqual(Array.from({ length: Math.ceil(stored.length / 10) }, (_, i) => i + 1));
    expect(progress.at(-1)!.items).toBe(stored.length);
    expect(new Set(stored.map((t) => t.status))).toEqual(new Set(['unsubmitted', 'received', 'pending', 'approved', 'rejected', 'paused', 'disabled']));
    expect((await syncRepo.get('templates')).lastSuccessAt).toBeTypeOf('number');
  });

  it('counts what was added, changed and removed since the last sync', async () => {
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now });
    const [first, second] = await templatesRepo.all();
    fake.control.patchTemplate(first!.sid, { status: 'rejected', rejectionReason: 'Variables at the start or end of the message' });
    fake.control.deleteTemplate(second!.sid);
    fake.control.upsertTemplate({ friendlyName: 'brand_new', language: 'en', types: { 'twilio/text': { body: 'New {{1}}' } } });

    const counts = await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now });
    expect(counts).toMatchObject({ added: 1, changed: 1, removed: 1 });
    expect((await templatesRepo.all()).find((t) => t.sid === first!.sid)).toMatchObject({ status: 'rejected', rejectionReason: 'Variables at the start or end of the message' });
    expect((await templatesRepo.all()).find((t) => t.sid === second!.sid)).toBeUndefined();
  });

  it('leaves the previous templates untouched when a later page fails', async () => {
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now, pageSize: 10 });
    const before = await templatesRepo.all();
    fake.control.deleteTemplate(before[0]!.sid);

    // Page 1 answers; from page 2 on, Twilio fails (after the client's own retries).
    const http = httpAgainst(fake);
    let requests = 0;
    const failingFromPage2 = {
      ...http,
      request: <T,>(req: Parameters<typeof http.request>[0]) => {
        if (++requests === 2) fake.control.setFault({ path: '/v1/ContentAndApprovals', status: 500 });
        return http.request<T>(req);
      },
    };
    await expect(syncTemplates({ epoch: 0, http: failingFromPage2, now: Date.now, pageSize: 10 })).rejects.toMatchObject({ status: 500 });
    expect(await templatesRepo.all()).toEqual(before);
    expect(contentRequests().filter((r) => r.query.PageToken).length).toBeGreaterThan(0);
    // The failed sync's own pages are gone: only the current generation is stored.
    const { generation } = await syncRepo.get('templates');
    expect(new Set((await (await getDb()).getAll('templatePages')).map((p) => p.generation))).toEqual(new Set([generation]));
  });

  it('shows readers the previous catalogue until the last page is stored', async () => {
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now, pageSize: 10 });
    const before = await templatesRepo.all();
    fake.control.upsertTemplate({ friendlyName: 'arrives_later', language: 'en', types: { 'twilio/text': { body: 'Later' } } });
    const seenMidway: string[][] = [];
    await syncTemplates({
      epoch: 0,
      http: httpAgainst(fake),
      now: Date.now,
      pageSize: 10,
      onProgress: async () => void seenMidway.push((await templatesRepo.all()).map((t) => t.sid)),
    });
    expect(seenMidway.length).toBeGreaterThan(2);
    for (const sids of seenMidway) expect(sids).toEqual(before.map((t) => t.sid));
    expect((await templatesRepo.all()).some((t) => t.name === 'arrives_later')).toBe(true);
  });

  it('clears what a sync stopped halfway left behind, and never shows it', async () => {
    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now, pageSize: 10 });
    const { generation } = await syncRepo.get('templates');
    // A worker stopped mid-sync: pages of the next generation, never committed (more of them than a sync will write).
    const stray = { ...(await templatesRepo.all())[0]!, sid: 'HX' + 'f'.repeat(32), name: 'half_synced' };
    for (let page = 0; page < 20; page++) await templatesRepo.writePage(0, generation! + 1, page, [stray]);
    expect((await templatesRepo.all()).some((t) => t.name === 'half_synced')).toBe(false);

    await syncTemplates({ epoch: 0, http: httpAgainst(fake), now: Date.now, pageSize: 10 });
    const pages = await (await getDb()).getAll('templatePages');
    expect(pages.every((p) => p.generation === generation! + 1)).toBe(true);
    expect(pages.flatMap((p) => p.templates).some((t) => t.name === 'half_synced')).toBe(false);
  });

  it('asks for the next page while the current one is stored, and for no page more', async () => {
    const http = httpAgainst(fake);
    let asked = 0;
    const counting = { ...http, request: <T,>(req: Parameters<typeof http.request>[0]) => (asked++, http.request<T>(req)) };
    const askedAtPage: number[] = [];
    await syncTemplates({ epoch: 0, http: counting, now: Date.now, pageSize: 10, onProgress: ({ pages }) => void askedAtPage.push(asked - pages) });
    // When page n is handed over, page n + 1 is already requested (except after the last page).
    expect(askedAtPage.slice(0, -1).every((ahead) => ahead === 1)).toBe(true);
    expect(askedAtPage.at(-1)).toBe(0);
    expect(asked).toBe(contentRequests().length);
  });
});
