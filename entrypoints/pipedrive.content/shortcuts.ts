import { readComposerText } from '@/lib/pipedrive/adapter';

/** Opens the picker from the keyboard anywhere on the page. Shown in the button's tooltip. */
export const PICKER_SHORTCUT = 'Alt+Shift+W';

/** Opens and closes the conversation panel on a person, deal or lead. Shown in the launcher's tooltip. */
export const PANEL_SHORTCUT = 'Alt+Shift+C';

function onAltShift(code: string, action: () => void, signal: AbortSignal): void {
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === code) {
        event.preventDefault();
        action();
      }
    },
    { capture: true, signal },
  );
}

export function onPickerShortcut(open: () => void, signal: AbortSignal): void {
  onAltShift('KeyW', open, signal);
}

export function onPanelShortcut(toggle: () => void, signal: AbortSignal): void {
  onAltShift('KeyC', toggle, signal);
}

/**
 * `/` typed as the first character of an empty reply opens the picker; what follows the `/` becomes the search,
 * and the `/…` is replaced by the template when it is inserted.
 */
export function onSlashCommand(input: HTMLElement, open: (query: string, typed: string) => void, signal: AbortSignal): void {
  let previous = readComposerText(input);
  // Keys typed before the picker took the focus still land in the reply: they keep updating the search.
  let isCommand = false;
  input.addEventListener(
    'input',
    () => {
      const current = readComposerText(input).replace(/\n$/, '');
      const wasEmpty = previous.trim() === '';
      previous = current;
      isCommand = (isCommand || wasEmpty) && current.startsWith('/') && !current.includes('\n');
      if (isCommand) open(current.slice(1), current);
    },
    { signal },
  );
}
