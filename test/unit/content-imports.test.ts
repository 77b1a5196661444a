import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The content script runs inside the untrusted Pipedrive page: everything it imports, however indirectly, must be
 * content-safe (DESIGN §3, STYLE "Our layout"). This walks the real import graph from the content script's entry (type
 * imports included: a type import today is a value import tomorrow) and fails when it reaches storage, the Twilio
 * client, a sync, a repo or the background's router.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN: Array<[RegExp, string]> = [
  [/^lib\/db\//, 'IndexedDB (lib/db)'],
  [/^lib\/twilio\//, 'the Twilio client (lib/twilio)'],
  [/^lib\/sync\//, 'a sync (lib/sync)'],
  [/(^|\/)[a-z-]*sync\.ts$/, 'a sync'],
  [/(^|\/)[a-z-]*repo\.ts$/, 'a repo'],
  [/(^|\/)handlers\.ts$/, 'a handler'],
  [/^lib\/account\//, 'the account (lib/account)'],
  [/^lib\/sends\//, 'the sends (lib/sends)'],
  [/^lib\/messaging\/router\.ts$/, 'the background router'],
];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function resolve(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return undefined; // a package
  base = base.replace(/\?.*$/, ''); // `style.css?inline`
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Every module reachable from `entry`, each with the chain of imports that reaches it; with `valuesOnly`, only
 * through imports that stay in the bundle (`import type` is erased).
 */
function reachable(entry: string, { valuesOnly = false } = {}): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (valuesOnly && /^\s*(?:import|export)\s+type\s/.test(match[0])) continue;
      const target = resolve(file, match[1]!);
      if (!target || seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      queue.push(target);
    }
  }
  return seen;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

export function violations(entry: string): string[] {
  const found: string[] = [];
  for (const [file, chain] of reachable(entry)) {
    const name = relative(file);
    const rule = FORBIDDEN.find(([pattern]) => pattern.test(name));
    if (rule) found.push(`${rule[1]}: ${chain.map(relative).join(' → ')}`);
  }
  return found;
}

describe('the content-safe wall', () => {
  it('the content script reaches no background-only module, type imports included', () => {
    const entry = path.join(ROOT, 'entrypoints/pipedrive.content/index.tsx');
    expect(reachable(entry).size).toBeGreaterThan(20); // the walk really follows the imports
    expect(violations(entry)).toEqual([]);
  });

  it('the views script (the panel, the inbox, the picker) is content-safe too', () => {
    const entry = path.join(ROOT, 'entrypoints/pipedrive-views/index.ts');
    expect([...reachable(entry).keys()].map(relative)).toContain('components/conversation/ConversationPanel.tsx');
    expect(violations(entry)).toEqual([]);
  });

  it('the content script carries none of the views it loads on demand (only their types)', () => {
    const carried = [...reachable(path.join(ROOT, 'entrypoints/pipedrive.content/index.tsx'), { valuesOnly: true }).keys()].map(relative);
    expect(carried).toContain('components/lazy/LazyView.tsx');
    for (const view of ['components/lazy/create-views.tsx', 'components/conversation/ConversationPanel.tsx', 'components/inbox/InboxPanel.tsx',
      'components/picker/TemplatePicker.tsx', 'components/thread/Thread.tsx', 'components/inbox/UnknownNumber.tsx']) {
      expect(carried, view).not.toContain(view);
    }
    // With type imports, the walk does reach them: the check sees what it rules out.
    expect([...reachable(path.join(ROOT, 'entrypoints/pipedrive.content/index.tsx')).keys()].map(relative)).toContain('components/conversation/ConversationPanel.tsx');
  });

  it('the language detector (franc and its models) is the workshop page’s alone, never the content script’s', () => {
    const packages = (entry: string) =>
      [...reachable(entry).keys()].flatMap((file) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]!).filter((s) => !s.startsWith('.') && !s.startsWith('@/')));
    expect(packages(path.join(ROOT, 'entrypoints/pipedrive.content/index.tsx'))).not.toContain('franc');
    expect(packages(path.join(ROOT, 'entrypoints/background.ts'))).not.toContain('franc');
    // The walk does see it where it is used.
    expect(packages(path.join(ROOT, 'entrypoints/options/main.tsx'))).toContain('franc');
  });

  it('the check itself catches a content module that imports storage', () => {
    // The background's entry reaches all of them: the rule must say so.
    const background = violations(path.join(ROOT, 'entrypoints/background.ts'));
    expect(background.some((line) => line.startsWith('IndexedDB (lib/db)'))).toBe(true);
    expect(background.some((line) => line.startsWith('the Twilio client'))).toBe(true);
  });

  it.each([
    ['@/lib/window/repo', 'a repo'],
    ['@/lib/conversations/thread-sync', 'a sync'],
    ['@/lib/templates/handlers', 'a handler'],
    ['@/lib/db/schema', 'IndexedDB (lib/db)'],
    ['@/lib/twilio/http', 'the Twilio client (lib/twilio)'],
    ['@/lib/messaging/router', 'the background router'],
    ['@/lib/account/credentials', 'the account (lib/account)'],
  ])('the check itself catches a content module that imports %s (%s)', (specifier, rule) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'content-imports-'));
    try {
      const content = path.join(dir, 'content.ts');
      writeFileSync(content, `import type { Anything } from '${specifier}';\n`);
      expect(violations(content).some((line) => line.startsWith(`${rule}: `))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
