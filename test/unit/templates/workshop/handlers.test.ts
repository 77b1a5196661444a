import { describe, expect, it } from 'vitest';
import { httpAgainst, useBackgroundAgainstFake } from '../../helpers/fake-http';
import { templatesRepo } from '@/lib/templates/repo';
import { syncTemplates } from '@/lib/templates/sync';
import { emptyDraft, type TemplateDraft } from '@/lib/templates/authoring/draft';
import { changesRepo, CHANGES_KEPT } from '@/lib/templates/changes-repo';
import { draftsRepo, TEMPLATE_DRAFTS_KEPT } from '@/lib/templates/workshop/drafts-repo';
import { statusChanges, type TemplateStatusChange } from '@/lib/templates/status-changes';
import { createWorkshopHandlers } from '@/lib/templates/workshop/handlers';

/**
 * The workshop's background side against the fake Twilio: drafts kept, Save as draft (one Content, then updates),
 * Submit (checked again here, then the approval request), Twilio's refusals as error values with the draft kept,
 * Delete, and the templates sync recording WhatsApp's verdicts for the popup (onTemplateStatusChanged).
 */
const fakeOf = useBackgroundAgainstFake();
const ID = '5b0b8a40-6f4e-4c1a-9d0e-2d1f3c4b5a69';

const draft = (change: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyDraft(ID, 1),
  name: 'unit_pickup',
  language: 'en',
  category: 'UTILITY',
  body: 'Hi {{1}}, your order {{2}} is ready for pickup at our shop. See you soon!',
  samples: { '1': 'Mari', '2': 'A-1042' },
  ...change,
});

function handlers() {
  const opened: string[] = [];
  const sync = () => syncTemplates({ epoch: 0, http: httpAgainst(fakeOf()), now: Date.now });
  const workshop = createWorkshopHandlers({
    now: () => 42,
    http: async () => httpAgainst(fakeOf()),
    catalogue: () => templatesRepo.all(),
    syncTemplates: sync,
    openPage: async (path) => void opened.push(path),
  });
  return { workshop, opened, sync };
}

const writes = () => fakeOf().control.requests().filter((r) => r.path.startsWith('/v1/Content') && r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/HX[0-9a-f]{32}/, 'HX…')} ${r.status}`);

describe('drafts', () => {
  it('are kept as the rep left them, newest first, and discarded', async () => {
    const { workshop } = handlers();
    await workshop.saveTemplateDraft({ draft: draft({ body: 'half a {{', updatedAt: 5 }) });
    await workshop.saveTemplateDraft({ draft: draft({ id: '00000000-0000-4000-8000-000000000001', name: 'other', updatedAt: 9 }) });
    expect((await workshop.listWorkshop()).drafts.map((d) => [d.name, d.body.slice(0, 9)])).toEqual([['other', 'Hi {{1}},'], ['unit_pickup', 'half a {{']]);
    expect(await workshop.discardTemplateDraft({ id: ID })).toEqual({ discarded: true });
    expect((await draftsRepo.list()).map((d) => d.name)).toEqual(['other']);
  });

  it(`are bounded: the newest ${TEMPLATE_DRAFTS_KEPT}, none untouched for 90 days`, async () => {
    const now = 1_000 * 24 * 3_600_000;
    for (let i = 0; i < TEMPLATE_DRAFTS_KEPT + 3; i++) await draftsRepo.put(draft({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, updatedAt: now - i * 1000 }));
    await draftsRepo.put(draft({ id: '00000000-0000-4000-9000-000000000000', updatedAt: now - 91 * 24 * 3_600_000 }));
    expect(await draftsRepo.prune(now)).toBe(4);
    const left = await draftsRepo.list();
    expect(left).toHaveLength(TEMPLATE_DRAFTS_KEPT);
    expect(left.at(-1)?.updatedAt).toBe(now - (TEMPLATE_DRAFTS_KEPT - 1) * 1000);
  });
});

describe('Save as draft', () => {
  it('creates the Content once, then updates the same one while it is unsubmitted', async () => {
    const { workshop } = handlers();
    const first = await workshop.saveTemplateToTwilio({ draft: draft() });
    expect(first.draft.contentSid).toMatch(/^HX[0-9a-f]{32}$/);
    const second = await workshop.saveTemplateToTwilio({ draft: { ...first.draft, body: 'Hi {{1}}, order {{2}} is ready for pickup today.' } });
    expect(second.draft.contentSid).toBe(first.draft.contentSid);
    expect(writes()).toEqual(['POST /v1/Content 201', 'PUT /v1/Content/HX… 200']);
    expect(fakeOf().control.requests().find((r) => r.method === 'POST')?.json).toEqual({
      friendly_name: 'unit_pickup', language: 'en', variables: { '1': 'Mari', '2': 'A-1042' },
      types: { 'twilio/text': { body: 'Hi {{1}}, your order {{2}} is ready for pickup at our shop. See you soon!' } },
    });
    expect((await draftsRepo.get(ID))?.contentSid).toBe(first.draft.contentSid);
  });

  it('makes a new Content when the saved one was deleted elsewhere', async () => {
    const { workshop } = handlers();
    const first = await workshop.saveTemplateToTwilio({ draft: draft() });
    fakeOf().control.deleteTemplate(first.draft.contentSid!);
    const second = await workshop.saveTemplateToTwilio({ draft: first.draft });
    expect(second.draft.contentSid).not.toBe(first.draft.contentSid);
    expect(writes()).toEqual(['POST /v1/Content 201', 'PUT /v1/Content/HX… 404', 'POST /v1/Content 201']);
  });

  it('a refusal is an error value with Twilio’s code, and the draft is kept as written', async () => {
    const { workshop } = handlers();
    const broken = draft({ body: 'Hi {{#name}}x{{/name}} there' });
    await expect(workshop.saveTemplateToTwilio({ draft: broken })).rejects.toMatchObject({ error: { code: 'twilio-refused', twilioCode: 90025 } });
    expect(await draftsRepo.get(ID)).toEqual(broken);
  });
});

describe('Submit for WhatsApp approval', () => {
  it('creates the Content and requests the approval with the name and category; the draft goes, the catalogue has it as received', async () => {
    const { workshop } = handlers();
    await workshop.saveTemplateDraft({ draft: draft() });
    const submitted = await workshop.submitTemplate({ draft: draft() });
    expect(submitted).toMatchObject({ status: 'received', category: 'UTILITY' });
    expect(writes()).toEqual(['POST /v1/Content 201', 'POST /v1/Content/HX…/ApprovalRequests/whatsapp 201']);
    expect(fakeOf().control.requests().filter((r) => r.path.endsWith('/whatsapp')).map((r) => r.json)).toEqual([{ name: 'unit_pickup', category: 'UTILITY' }]);
    expect(await draftsRepo.list()).toEqual([]);
    const listed = (await workshop.listWorkshop()).templates.find((t) => t.sid === submitted.sid);
    expect(listed).toMatchObject({ name: 'unit_pickup', status: 'received', category: 'UTILITY' });
    expect(listed?.createdAt).toBeGreaterThan(0);
  });

  it('is refused before anything reaches Twilio while a check is an error (the page’s word is not taken)', async () => {
    const { workshop } = handlers();
    await expect(workshop.submitTemplate({ draft: draft({ name: 'Not A Name', body: '{{1}} starts it {{2}}' }) }))
      .rejects.toMatchObject({ error: { code: 'has-errors', message: expect.stringContaining('name-format') } });
    expect(writes()).toEqual([]);
    expect((await draftsRepo.get(ID))?.name).toBe('Not A Name');
  });

  it('a refused approval keeps the draft with its Content: the next try updates that Content, never makes another', async () => {
    fakeOf().control.upsertTemplate({ friendlyName: 'unit_pickup', language: 'en', types: { 'twilio/text': { body: 'x' } }, approval: { status: 'approved', name: 'unit_pickup' } });
    const { workshop } = handlers();
    await expect(workshop.submitTemplate({ draft: draft() })).rejects.toMatchObject({
      error: { code: 'twilio-refused', twilioCode: 20001, message: 'A WhatsApp template named unit_pickup already exists in en' },
    });
    const kept = await draftsRepo.get(ID);
    expect(kept?.contentSid).toMatch(/^HX/);
    await workshop.submitTemplate({ draft: { ...kept!, name: 'unit_pickup_2' } });
    expect(writes()).toEqual([
      'POST /v1/Content 201', 'POST /v1/Content/HX…/ApprovalRequests/whatsapp 400',
      'PUT /v1/Content/HX… 200', 'POST /v1/Content/HX…/ApprovalRequests/whatsapp 201',
    ]);
  });

  it('without an answer from Twilio: unreachable, the draft kept', async () => {
    fakeOf().control.setFault({ path: '/v1/Content', method: 'POST', drop: true, count: 10 });
    const { workshop } = handlers();
    await expect(workshop.submitTemplate({ draft: draft() })).rejects.toMatchObject({ error: { code: 'unreachable' } });
    expect(await draftsRepo.get(ID)).toMatchObject({ name: 'unit_pickup' });
  });
});

describe('Delete', () => {
  it('removes the Content from Twilio and from the catalogue; a draft that had saved it makes a new one next time', async () => {
    const { workshop, sync } = handlers();
    const saved = await workshop.saveTemplateToTwilio({ draft: draft() });
    await sync();
    const sid = saved.draft.contentSid!;
    expect((await workshop.listWorkshop()).templates.some((t) => t.sid === sid)).toBe(true);
    expect(await workshop.deleteTemplate({ sid })).toEqual({ deleted: true });
    expect(fakeOf().control.requests().filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([204]);
    expect((await workshop.listWorkshop()).templates.some((t) => t.sid === sid)).toBe(false);
    expect((await draftsRepo.get(ID))?.contentSid).toBeUndefined();
  });
});

describe('WhatsApp’s verdicts, followed on the sync schedule', () => {
  it('the sync records each status change and category change once, for the popup, and tells the listener', async () => {
    const { workshop } = handlers();
    const { sid } = await workshop.submitTemplate({ draft: draft() });
    const heard: TemplateStatusChange[][] = [];
    const sync = () => syncTemplates({ epoch: 0, http: httpAgainst(fakeOf()), now: Date.now, onTemplateStatusChanged: (changes) => void heard.push(changes) });
    await sync();
    expect(heard).toEqual([]); // nothing changed since the submission's sync
    fakeOf().control.patchTemplate(sid, { status: 'pending' });
    await sync();
    fakeOf().control.patchTemplate(sid, { status: 'approved', category: 'MARKETING' });
    await sync();
    await sync();
    expect(heard.map((changes) => changes.map((c) => [c.from, c.to, c.fromCategory, c.toCategory]))).toEqual([
      [['received', 'pending', 'UTILITY', 'UTILITY']],
      [['pending', 'approved', 'UTILITY', 'MARKETING']],
    ]);
    expect((await changesRepo.list()).map((c) => c.to)).toEqual(['approved', 'pending']);
    await workshop.dismissTemplateChanges({ ids: (await changesRepo.list()).map((c) => c.id) });
    expect((await changesRepo.list()).every((c) => c.isSeen)).toBe(true);
  });

  it(`keeps the newest ${CHANGES_KEPT} changes, none older than 30 days`, async () => {
    const now = 100 * 24 * 3_600_000;
    const change = (i: number, at: number): TemplateStatusChange => ({ id: `HX:${i}`, sid: 'HX', name: 'n', language: 'en', from: 'pending', to: 'approved', fromCategory: '', toCategory: '', rejectionReason: '', at, isSeen: false });
    await changesRepo.record(0, Array.from({ length: CHANGES_KEPT + 2 }, (_, i) => change(i, now - i)));
    await changesRepo.record(0, [change(999, now - 31 * 24 * 3_600_000)]);
    expect(await changesRepo.prune(now)).toBe(3);
    expect(await changesRepo.list()).toHaveLength(CHANGES_KEPT);
  });

  it('statusChanges: new templates are no change, a first category is none either, a rejection carries its reason', () => {
    const t = (sid: string, status: 'pending' | 'rejected' | 'approved', category = 'UTILITY', rejectionReason = '') => ({ sid, name: sid, language: 'en', status, category, rejectionReason });
    expect(statusChanges([], [t('a', 'pending')], 1)).toEqual([]);
    expect(statusChanges([t('a', 'pending', '')], [t('a', 'pending', 'UTILITY')], 1)).toEqual([]);
    expect(statusChanges([t('a', 'pending')], [t('a', 'rejected', 'UTILITY', 'Too generic')], 7)).toEqual([
      { id: 'a:7', sid: 'a', name: 'a', language: 'en', from: 'pending', to: 'rejected', fromCategory: 'UTILITY', toCategory: 'UTILITY', rejectionReason: 'Too generic', at: 7, isSeen: false },
    ]);
  });
});

describe('opening the workshop', () => {
  it('opens the options page, on a new template when asked', async () => {
    const { workshop, opened } = handlers();
    await workshop.openTemplateWorkshop({ isNew: true });
    await workshop.openTemplateWorkshop({});
    expect(opened).toEqual(['/options.html#new', '/options.html']);
  });
});
