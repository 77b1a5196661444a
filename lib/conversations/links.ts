/**
 * `https:` links in a message's text, so the panel can make them clickable (and only those: no `javascript:`, no
 * `http:`, nothing the text could turn into markup). Trailing punctuation stays text ("see https://a.ee/x.").
 */
export interface TextPiece {
  text: string;
  href?: string;
}

const LINK = /https:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = match[0];
    const link = raw.replace(TRAILING, '');
    let href: string | undefined;
    try {
      const url = new URL(link);
      href = url.protocol === 'https:' && url.hostname ? url.href : undefined;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ text: link, href });
    last = match.index + link.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
