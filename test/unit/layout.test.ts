import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The walls of the layout (STYLE "Our layout"), read from the import graph: which module may name which. The
 * content-safe wall is eslint's (eslint.config.js) and content-imports.test.ts's; these are the ones between domain,
 * storage, network and protocol.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(path.join(ROOT, file)).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Every module a file imports or re-exports from, types included, as a root-relative path without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'/gm)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('@/'))
    .map((specifier) => {
      const absolute = specifier.startsWith('@/') ? specifier.slice(2) : path.join(path.dirname(file), specifier);
      return path.normalize(absolute).replace(/\.tsx?$/, '');
    });
}

const LIB = sourceFiles('lib');
const isUnder = (module: string, folder: string) => module === folder || module.startsWith(`${folder}/`);

function crossings(from: (file: string) => boolean, forbidden: readonly string[], alsoForbidden = (_module: string) => false): string[] {
  return LIB.filter(from).flatMap((file) =>
    importsOf(file)
      .filter((module) => forbidden.some((folder) => isUnder(module, folder)) || alsoForbidden(module))
      .map((module) => `${file} → ${module}`),
  );
}

// A domain folder's rules are pure; its sync, repo and handlers (STYLE) are the files that may reach further.
const isBackgroundPart = (file: string) => /(sync|repo|handlers)(\.ts)?$/.test(file);
const isPureRule = (file: string) =>
  (isUnder(file, 'lib/templates') || isUnder(file, 'lib/window')) && !isBackgroundPart(file);
const isRepo = (file: string) => /repo(\.ts)?$/.test(file);
/** The background's side: storage, the syncs, the account, the sends and every domain's sync, repo and handlers. */
const BACKGROUND = ['lib/db', 'lib/sync', 'lib/account', 'lib/sends'];

describe('the layout', () => {
  it('reads imports, type imports and re-exports', () => {
    expect(importsOf('lib/messaging/client.ts')).toContain('lib/messaging/protocol');
    expect(importsOf('lib/twilio/index.ts')).toContain('lib/twilio/content');
  });

  it('keeps storage (lib/db and every repo) out of the network client', () => {
    expect(LIB.filter(isRepo)).toContain('lib/window/repo.ts');
    expect(crossings((file) => isUnder(file, 'lib/db') || isRepo(file), ['lib/twilio', 'lib/messaging'])).toEqual([]);
  });

  it('keeps the network client out of storage, the syncs, the handlers and the message protocol', () => {
    expect(crossings((file) => isUnder(file, 'lib/twilio'), [...BACKGROUND, 'lib/messaging'], isBackgroundPart)).toEqual([]);
  });

  it('keeps the pure domain rules out of the message protocol, storage and the network', () => {
    expect(LIB.filter(isPureRule)).toContain('lib/templates/sendability.ts');
    expect(LIB.filter(isPureRule)).toContain('lib/window/rule.ts');
    expect(crossings(isPureRule, [...BACKGROUND, 'lib/messaging', 'lib/twilio'], isBackgroundPart)).toEqual([]);
  });

  it.each([
    ['WindowState', 'lib/window/model.ts'],
    ['UnknownReason', 'lib/window/model.ts'],
    ['StoredWindow', 'lib/db/schema.ts'],
    ['StoredWindowRow', 'lib/db/schema.ts'],
    ['WindowFacts', 'lib/window/rule.ts'],
    ['WindowView', 'lib/window/rule.ts'],
    ['WindowInfo', 'lib/messaging/protocol.ts'],
    ['Template', 'lib/templates/model.ts'],
    ['ApprovalStatus', 'lib/templates/model.ts'],
  ])('declares %s once, in its domain (%s)', (name, home) => {
    const declaring = [...LIB, ...sourceFiles('components'), ...sourceFiles('entrypoints')].filter((file) =>
      new RegExp(`^\\s*export\\s+(?:type|interface)\\s+${name}\\b`, 'm').test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(declaring).toEqual([home]);
  });
});
