import type { ElementHandle, Page } from 'puppeteer-core';

/**
 * Finding what a rep sees, through our shadow roots. Puppeteer's ARIA and text selectors do not look inside shadow
 * roots over BiDi (checked in Firefox: the launcher is found by `pierce/` only), and its locators never resolve on a
 * tab that Puppeteer did not navigate itself, so these helpers query the page's DOM, shadow roots included, by CSS
 * and by accessible name (aria-label, aria-labelledby, an image's alt, a <label>, else the text) or text.
 */
export interface Target {
  css: string;
  name?: string | RegExp;
  text?: string | RegExp;
}

type Pattern = string | { source: string; flags: string };
interface SerialTarget {
  css: string;
  name?: Pattern;
  text?: Pattern;
}

const serial = (pattern: string | RegExp | undefined): Pattern | undefined =>
  pattern instanceof RegExp ? { source: pattern.source, flags: pattern.flags } : pattern;

const serialTarget = (target: Target): SerialTarget => ({ css: target.css, name: serial(target.name), text: serial(target.text) });

/** Runs in the page (serialised there: it uses nothing from this module): the rendered elements that match. */
function matchAll(target: SerialTarget): Element[] {
  const matches = (value: string, pattern: Pattern | undefined) =>
    pattern === undefined || (typeof pattern === 'string' ? value === pattern : new RegExp(pattern.source, pattern.flags).test(value));
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return clean(label);
    const root = el.getRootNode() as Document | ShadowRoot;
    const by = el.getAttribute('aria-labelledby');
    if (by) return clean(by.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' '));
    const alt = el.getAttribute('alt');
    if (alt) return clean(alt);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return clean([...labels].map((l) => l.textContent).join(' '));
    return clean(el.textContent);
  };
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll(target.css)) {
      if (el.getClientRects().length > 0 && matches(nameOf(el), target.name) && matches(clean(el.textContent), target.text)) found.push(el);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return found;
}

/** The in-page expression for the matches of `target`, followed by `then` (e.g. `.length`). */
const matchesThen = (target: Target, then: string) => `(${matchAll.toString()})(${JSON.stringify(serialTarget(target))})${then}`;

/** Waits for the first rendered element that matches. */
export async function find(page: Page, target: Target, timeout = 10_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(matchesThen(target, '[0]'), { timeout, polling: 100 }).catch((error: unknown) => {
    throw new Error(`Not shown within ${timeout} ms: ${describe(target)} (${error instanceof Error ? error.message : String(error)})`);
  });
  return handle as ElementHandle<Element>;
}

/** How many rendered elements match, now. */
export async function count(page: Page, target: Target): Promise<number> {
  return page.evaluate(matchesThen(target, '.length')) as Promise<number>;
}

/** The first match's attribute now, or null when there is no match or no such attribute. */
export async function attribute(page: Page, target: Target, name: string): Promise<string | null> {
  return page.evaluate(matchesThen(target, `[0]?.getAttribute(${JSON.stringify(name)}) ?? null`)) as Promise<string | null>;
}

/** Each match's text now, whitespace collapsed. */
export async function texts(page: Page, target: Target): Promise<string[]> {
  return page.evaluate(matchesThen(target, ".map((el) => el.textContent.replace(/\\s+/g, ' ').trim())")) as Promise<string[]>;
}

/** The given attributes of every match, in document order. */
export async function attributesOfAll(page: Page, target: Target, names: readonly string[]): Promise<Array<Record<string, string | null>>> {
  return page.evaluate(matchesThen(target, `.map((el) => Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, el.getAttribute(n)])))`)) as Promise<
    Array<Record<string, string | null>>
  >;
}

export async function click(page: Page, target: Target): Promise<void> {
  await (await find(page, target)).click();
}

/** Types into a field as the rep would, after clearing what it held. */
export async function fill(page: Page, target: Target, value: string): Promise<void> {
  const field = await find(page, target);
  await field.evaluate((el) => {
    (el as HTMLInputElement).focus();
    (el as HTMLInputElement).select();
  });
  await page.keyboard.press('Backspace');
  await field.type(value);
}

/** Chooses an option of a <select> by its value, as a rep's pick would (with the change event). */
export async function choose(page: Page, target: Target, value: string): Promise<void> {
  await (await find(page, target)).select(value);
}

function describe(target: Target): string {
  return [target.css, target.name && `named ${String(target.name)}`, target.text && `with text ${String(target.text)}`].filter(Boolean).join(' ');
}
