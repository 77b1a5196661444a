import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** A file's size gzipped at the highest level, in KB: how a script's weight is compared (bench and budget test alike). */
export const gzipKb = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** Everything the content script of a build loads on every Pipedrive page: its script (styles included) and a stylesheet if the build emits one. */
export function contentScriptGzipKb(extensionDir: string): number {
  const dir = path.join(extensionDir, 'content-scripts');
  return ['pipedrive.js', 'pipedrive.css'].map((name) => path.join(dir, name)).filter((file) => existsSync(file)).reduce((sum, file) => sum + gzipKb(file), 0);
}

/** Issue 17's goal for the content script, the panel, the inbox and the picker being the views script. */
export const CONTENT_SCRIPT_BUDGET_KB = 35;
