import type { WorkshopApi } from '@/components/workshop/WorkshopApp';
import { browser } from 'wxt/browser';
import { callBackground } from '@/lib/messaging/client';
import { revisions } from '@/lib/settings';
import { detectLanguage } from '@/lib/templates/authoring/language';

/** The workshop's calls: messages to the background (Twilio's credentials never reach this page). */
export const workshopApi: WorkshopApi = {
  list: () => callBackground('listWorkshop', {}),
  sync: () => callBackground('syncNow', { kind: 'templates' }),
  getTemplate: (sid) => callBackground('getTemplate', { sid }),
  saveDraft: (draft) => callBackground('saveTemplateDraft', { draft }),
  discardDraft: (id) => callBackground('discardTemplateDraft', { id }),
  saveToTwilio: (draft) => callBackground('saveTemplateToTwilio', { draft }),
  submit: (draft) => callBackground('submitTemplate', { draft }),
  deleteTemplate: (sid) => callBackground('deleteTemplate', { sid }),
  subscribe: (onChange) => revisions.watch((next, previous) => {
    if (next.templates !== previous?.templates) onChange();
  }),
  newId: () => crypto.randomUUID(),
  now: () => Date.now(),
  isNew: location.hash === '#new',
  locale: browser.i18n.getUILanguage(),
  detectLanguage,
};
