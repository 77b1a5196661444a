import { editableOf, recogniseComposer, type ComposerMatch } from './recognise';
import { selectorFor, type SelectorOverrides } from './selectors';

/**
 * Calls `onElement` once for every element that matches `selector`, now and whenever one appears later, at no
 * cost while nothing relevant changes: a 1 ms CSS animation on matching elements makes the browser itself report
 * them through `animationstart` (the technique refined-github uses), instead of a MutationObserver that would run on
 * every change Pipedrive makes. Hidden (`display: none`) elements do not animate, so they are reported when shown.
 */
let sentinelCount = 0;

export function observeElements(selector: string, onElement: (element: Element) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const name = `wat-sentinel-${++sentinelCount}`;
  const seen = new WeakSet<Element>();
  const report = (element: Element) => {
    if (signal.aborted || seen.has(element)) return;
    seen.add(element);
    onElement(element);
  };

  const style = document.createElement('style');
  style.textContent = `@keyframes ${name} { from { outline-color: transparent } to { outline-color: transparent } }
:where(${selector}) { animation: 1ms ${name}; }`;
  (document.head ?? document.documentElement).append(style);
  signal.addEventListener('abort', () => style.remove(), { once: true });

  document.addEventListener(
    'animationstart',
    (event) => {
      if (event.animationName === name && event.target instanceof Element) report(event.target);
    },
    { capture: true, signal },
  );
  for (const element of document.querySelectorAll(selector)) report(element);
}

/**
 * A composer that is not recognised when its editable appears may be waiting for the rest of its conversation
 * (the messages often arrive after the reply box): it is looked at again a few times, then left alone.
 */
const RECHECK_AFTER_MS = [250, 1_000, 3_000];

/**
 * Calls `onComposer` once for every composer on the page, now and as they appear: the rep's override and the known
 * test ids, and any editable box that recognise.ts finds to be one by its structure. The trigger is a plain CSS
 * selector (composers and editables), so the browser reports candidates and nothing scans the page per change;
 * each candidate costs one bounded walk of its ancestors.
 */
export function observeComposers(overrides: SelectorOverrides, onComposer: (match: ComposerMatch) => void, signal: AbortSignal): void {
  const handled = new WeakSet<Element>();
  const check = (element: Element, attempt: number) => {
    if (signal.aborted || !element.isConnected) return;
    const match = recogniseComposer(element, overrides);
    if (match) {
      if (handled.has(match.composer)) return;
      handled.add(match.composer);
      onComposer(match);
      return;
    }
    const delay = RECHECK_AFTER_MS[attempt];
    if (delay === undefined || !editableOf(element)) return;
    const timer = setTimeout(() => check(element, attempt + 1), delay);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  };
  observeElements(`${selectorFor('composer', overrides)}, ${selectorFor('composerInput')}`, (element) => check(element, 0), signal);
}
