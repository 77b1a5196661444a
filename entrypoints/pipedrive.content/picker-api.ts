import type { PickerApi } from '@/components/picker/TemplatePicker';
import { CONTENT_KEPT, keepNewest, variableSources } from '@/lib/content-state';
import { callBackground } from '@/lib/messaging/client';
import { searchCatalogue } from './catalogue';

/** The template picker's calls, the same wherever it opens (a Messaging composer, the conversation panel). */
export const pickerApi: PickerApi = {
  search: searchCatalogue,
  getTemplate: (sid) => callBackground('getTemplate', { sid }),
  send: (request) => callBackground('sendTemplate', request),
  getSend: (id) => callBackground('getSend', { id }),
  loadSources: async (sid) => (await variableSources.getValue())[sid] ?? {},
  saveSource: async (sid, placeholder, source) => {
    const all = await variableSources.getValue();
    await variableSources.setValue(keepNewest(all, sid, { ...all[sid], [placeholder]: source }, CONTENT_KEPT.variableSources));
  },
  newId: () => crypto.randomUUID(),
  openWorkshop: () => void callBackground('openTemplateWorkshop', { isNew: true }),
};

