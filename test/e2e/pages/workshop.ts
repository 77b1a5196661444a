import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The template workshop (the extension's options page) as a rep meets it. */
export const templatesList = (page: Page) => page.getByRole('list', { name: 'Templates' });
export const templateItem = (page: Page, name: string, language = 'en') => templatesList(page).getByRole('listitem', { name: `${name} (${language})` });
export const checks = (page: Page) => page.getByRole('list', { name: 'Checks' }).getByRole('listitem');
export const errorChecks = (page: Page) => page.getByRole('list', { name: 'Checks' }).locator('[data-severity="error"]');
export const submitButton = (page: Page) => page.getByRole('button', { name: 'Submit for WhatsApp approval' });
export const preview = (page: Page) => page.getByRole('figure', { name: 'Preview' });

export async function openWorkshop(context: BrowserContext, extensionId: string, hash = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html${hash}`);
  await expect(page.getByRole('heading', { name: 'WhatsApp templates', level: 1 })).toBeVisible();
  return page;
}

export interface TextTemplate {
  name: string;
  language?: string;
  category?: string;
  body: string;
  samples?: Record<string, string>;
}

/** "New template", then the fields of a text template, as a rep types them. */
export async function writeTextTemplate(page: Page, template: TextTemplate): Promise<void> {
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Name', { exact: true }).fill(template.name);
  await page.getByLabel('Language', { exact: true }).selectOption(template.language ?? 'en');
  await page.getByLabel('Category', { exact: true }).selectOption(template.category ?? 'UTILITY');
  await page.getByLabel('Body', { exact: true }).fill(template.body);
  for (const [key, sample] of Object.entries(template.samples ?? {})) await page.getByLabel(`Sample for {{${key}}}`).fill(sample);
}
