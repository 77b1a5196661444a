import { render } from 'preact';
import { ConversationPanel } from '../conversation/ConversationPanel';
import { InboxPanel } from '../inbox/InboxPanel';
import { TemplatePicker } from '../picker/TemplatePicker';
import type { PanelViews, ViewName, Views } from './views';

const components: { [N in ViewName]: (props: PanelViews[N]) => preact.ComponentChildren } = {
  ConversationPanel,
  InboxPanel,
  TemplatePicker,
};

/**
 * The views script's side: each view is drawn with this script's Preact into the element the content script gave,
 * and the views' styles go once into that element's shadow root, next to the content script's own.
 */
export function createViews(styles: string): Views {
  function addStyles(into: HTMLElement) {
    const root = into.getRootNode() as ParentNode & Node;
    // Only into a shadow root: our styles never go into Pipedrive's own document.
    if (root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE || root.querySelector('style[data-views]')) return;
    const style = document.createElement('style');
    style.dataset.views = '';
    style.textContent = styles;
    root.append(style);
  }
  return {
    render(into, name, props) {
      addStyles(into);
      const View = components[name] as (props: PanelViews[typeof name]) => preact.ComponentChildren;
      render(<View {...props} />, into);
    },
    unmount(from) {
      render(null, from);
    },
  };
}
