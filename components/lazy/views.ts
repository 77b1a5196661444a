import type { ConversationPanelProps } from '../conversation/ConversationPanel';
import type { InboxPanelProps } from '../inbox/InboxPanel';
import type { TemplatePickerProps } from '../picker/TemplatePicker';

/**
 * The views the content script does not carry itself, by name, with their props: the conversation panel, the inbox
 * and the template picker. They are a second script (entrypoints/pipedrive-views) that the background injects into
 * the page's content-script world the first time one is wanted, so a Pipedrive page that never opens them never
 * parses them. Types only: importing this file costs the content script nothing.
 */
export interface PanelViews {
  ConversationPanel: ConversationPanelProps;
  InboxPanel: InboxPanelProps;
  TemplatePicker: TemplatePickerProps;
}

export type ViewName = keyof PanelViews;

/** What the views script hands over: draws a view into an element of ours, and takes it away again. */
export interface Views {
  render: <N extends ViewName>(into: HTMLElement, name: N, props: PanelViews[N]) => void;
  unmount: (from: HTMLElement) => void;
}

/** How a component gets the views: at once when they are here, else after loading them (once per page). */
export interface ViewLoader {
  loaded: () => Views | undefined;
  load: () => Promise<Views>;
}

/** Where the views script leaves its `Views` for the content script (the content-script world, never the page's). */
export const VIEWS_GLOBAL = '__whatsappTemplatesViews';
