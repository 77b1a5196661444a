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
