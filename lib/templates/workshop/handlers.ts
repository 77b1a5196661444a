import type { StoredTemplate } from '../../db/schema';
import { syncRepo } from '../../sync/repo';
import type { SubmittedTemplate, WorkshopList } from '../../messaging/protocol';
import { HandlerError } from '../../messaging/router';
import { createContent, deleteContent, requestWhatsAppApproval, updateContent } from '../../twilio/content';
import { TwilioError } from '../../twilio/errors';
import type { TwilioHttp } from '../../twilio/http';
import { checkDraft } from '../authoring/checks';
import { contentRequest } from '../authoring/content-types';
import type { TemplateDraft } from '../authoring/draft';
import { changesRepo } from '../changes-repo';
import { draftsRepo } from './drafts-repo';

export interface WorkshopDeps {
  now: () => number;
  http: () => Promise<TwilioHttp>;
  /** The synced catalogue (the background's cached one). */
  catalogue: () => Promise<StoredTemplate[]>;
  /** A templates sync that follows what was just written (a fresh one when one is running). */
  syncTemplates: () => Promise<unknown>;
  /** Opens an extension page in a tab. */
  openPage: (path: string) => Promise<void>;
}

/** Twilio's answer as an error value the page explains: a refusal keeps Twilio's code, the rest say what happened. */
function fromTwilio(error: unknown): never {
  if (error instanceof HandlerError || !(error instanceof TwilioError)) throw error;
  if (error.kind !== 'http') throw new HandlerError({ code: 'unreachable', message: error.message });
  if (error.status === 401) throw new HandlerError({ code: 'bad-secret', message: error.message, twilioCode: error.code });
  if (error.status === 403) throw new HandlerError({ code: 'no-access', message: error.message, twilioCode: error.code });
  if (error.status >= 400 && error.status < 500 && error.status !== 429) {
    throw new HandlerError({ code: 'twilio-refused', message: error.message, twilioCode: error.code });
  }
  throw new HandlerError({ code: 'twilio-error', message: error.message, twilioCode: error.code });
}

/**
 * The template workshop's messages (extension pages only): its list, the drafts kept as the rep writes, "Save as
 * draft" (the Content created once, then updated while unsubmitted), "Submit for WhatsApp approval", and Delete. The
 * checks run here again before anything is submitted: a page's word that a template passes is not taken.
 */
export function createWorkshopHandlers(deps: WorkshopDeps) {
  /** Creates the draft's Content, or rewrites the one it made before; the draft is kept with its Content SID. */
  async function saveContent(http: TwilioHttp, draft: TemplateDraft): Promise<TemplateDraft> {
    const request = contentRequest(draft);
    let sid = draft.contentSid;
    try {
      if (sid) sid = (await updateContent(http, sid, request)).sid;
    } catch (error) {
      // Deleted meanwhile (another device, the Console): this draft makes a new one.
      if (!(error instanceof TwilioError && error.kind === 'http' && error.status === 404)) fromTwilio(error);
      sid = undefined;
    }
    if (!sid) sid = await createContent(http, request).then((content) => content.sid, fromTwilio);
    const saved = { ...draft, contentSid: sid, updatedAt: deps.now() };
    await draftsRepo.put(saved);
    return saved;
  }

  return {
    async listWorkshop(): Promise<WorkshopList> {
      const [catalogue, drafts, sync] = await Promise.all([deps.catalogue(), draftsRepo.list(), syncRepo.get('templates')]);
      const templates = catalogue.map(({ sid, name, language, category, status, rejectionReason, contentType, body, createdAt, updatedAt }) => ({
        sid, name, language, category, status, rejectionReason, contentType, body, createdAt: createdAt ?? 0, updatedAt,
      }));
      return { templates, drafts, ...(sync.lastSuccessAt !== undefined && { syncedAt: sync.lastSuccessAt }) };
    },

    async saveTemplateDraft({ draft }: { draft: TemplateDraft }): Promise<{ draft: TemplateDraft }> {
      // A draft whose Content was submitted from elsewhere keeps its text; its SID is what says which Content it wrote.
      await draftsRepo.put(draft);
      return { draft };
    },

    async discardTemplateDraft({ id }: { id: string }): Promise<{ discarded: boolean }> {
      const existed = (await draftsRepo.get(id)) !== undefined;
      await draftsRepo.delete(id);
      return { discarded: existed };
    },

    async saveTemplateToTwilio({ draft }: { draft: TemplateDraft }): Promise<{ draft: TemplateDraft }> {
      await draftsRepo.put(draft); // what the rep wrote is kept whatever Twilio answers
      const saved = await saveContent(await deps.http(), draft);
      void deps.syncTemplates().catch(() => undefined); // the list shows the new Content (unsubmitted) without waiting for the schedule
      return { draft: saved };
    },

    async submitTemplate({ draft }: { draft: TemplateDraft }): Promise<SubmittedTemplate> {
      await draftsRepo.put(draft);
      const errors = checkDraft(draft).filter((check) => check.severity === 'error');
      if (errors.length > 0) {
        throw new HandlerError({ code: 'has-errors', message: `The template breaks ${errors.length} rule(s): ${errors.map((e) => e.id).join(', ')}` });
      }
      const http = await deps.http();
      // Kept with its Content SID before the approval request: a refused request is tried again with the same Content.
      const saved = await saveContent(http, draft);
      const sid = saved.contentSid ?? '';
      const approval = await requestWhatsAppApproval(http, sid, { name: saved.name.trim(), category: saved.category }).catch(fromTwilio);
      await draftsRepo.delete(saved.id);
      await deps.syncTemplates(); // the list and the popup's counts show it as received
      return { sid, status: approval.status, category: approval.category };
    },

    async deleteTemplate({ sid }: { sid: string }): Promise<{ deleted: boolean }> {
      await deleteContent(await deps.http(), sid).catch(fromTwilio);
      // A draft that had saved this Content makes a new one next time.
      for (const draft of await draftsRepo.list()) {
        if (draft.contentSid === sid) await draftsRepo.put({ ...draft, contentSid: undefined });
      }
      await deps.syncTemplates();
      return { deleted: true };
    },

    async dismissTemplateChanges({ ids }: { ids: string[] }): Promise<{ dismissed: number }> {
      await changesRepo.markSeen(ids);
      return { dismissed: ids.length };
    },

    async openTemplateWorkshop({ isNew }: { isNew?: boolean }): Promise<{ opened: boolean }> {
      await deps.openPage(isNew ? '/options.html#new' : '/options.html');
      return { opened: true };
    },
  };
}

export type WorkshopHandlers = ReturnType<typeof createWorkshopHandlers>;
