/**
 * Putting text into Pipedrive's composer so that Pipedrive's own state sees it (and its Send sends it).
 * React keeps a controlled input's value in its own state: the value must be set through the native setter and
 * announced with a bubbling `input` event. Rich editors (contenteditable) listen to `beforeinput`/`input` from the
 * browser's editing commands, so the text goes in as an insertText edit.
 */
export function insertIntoComposer(input: HTMLElement, text: string, options: { replace?: string } = {}): void {
  input.focus();
  if (input instanceof HTMLTextAreaElement || input instanceof HTMLInputElement) {
    const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const setValue = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    const current = input.value;
    // The `/search` that opened the picker is replaced; any other draft is kept and the text goes at the caret.
    const base = options.replace !== undefined && current.startsWith(options.replace) ? current.slice(options.replace.length) : current;
    const at = base === current ? (input.selectionStart ?? current.length) : 0;
    const next = base.slice(0, at) + text + base.slice(at);
    if (setValue) setValue.call(input, next);
    else input.value = next;
    input.setSelectionRange(at + text.length, at + text.length);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }

  const selection = input.ownerDocument.getSelection();
  if (selection) {
    const range = input.ownerDocument.createRange();
    const draft = input.innerText ?? '';
    if (options.replace !== undefined && draft.trim().startsWith(options.replace)) {
      range.selectNodeContents(input); // replace the `/search` draft
    } else if (!selection.rangeCount || !input.contains(selection.anchorNode)) {
      range.selectNodeContents(input);
      range.collapse(false); // at the end of the draft
    } else {
      range.setStart(selection.getRangeAt(0).startContainer, selection.getRangeAt(0).startOffset);
      range.setEnd(selection.getRangeAt(0).endContainer, selection.getRangeAt(0).endOffset);
    }
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // execCommand is deprecated but still the one way to make a trusted-like edit every editor understands.
  const inserted = input.ownerDocument.execCommand('insertText', false, text);
  if (!inserted) {
    input.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true }));
    input.textContent = (input.textContent ?? '') + text;
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text, bubbles: true }));
  }
}
