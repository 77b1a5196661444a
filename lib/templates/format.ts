/**
 * WhatsApp's text formatting, parsed into spans for the preview: `*bold*`, `_italic_`, `~strike~` (nestable),
 * and ```` ```monospace``` ```` (nothing inside is formatted). The preview renders spans as text nodes, so template
 * text can never become HTML.
 */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  mono?: boolean;
}

type Style = Omit<Span, 'text'>;

const MARKERS = { '*': 'bold', _: 'italic', '~': 'strike' } as const satisfies Record<string, keyof Style>;

// A marker opens after the start, a space or punctuation, and closes before the end, a space or punctuation;
// the text inside neither starts nor ends with a space ("2 * 3 * 4" stays as it is).
const STYLED = /(^|[\s([{"'.,;:!?-])([*_~])(?!\s)([^\n]*?[^\s])\2(?=$|[\s)\]}"'.,;:!?-])/;

function styled(text: string, style: Style, out: Span[]): void {
  let rest = text;
  for (;;) {
    const match = STYLED.exec(rest);
    if (!match) break;
    const [whole, before, marker, inner] = match as unknown as [string, string, keyof typeof MARKERS, string];
    const start = match.index + before.length;
    if (start > 0) out.push({ text: rest.slice(0, start), ...style });
    styled(inner, { ...style, [MARKERS[marker]]: true }, out);
    rest = rest.slice(match.index + whole.length);
  }
  if (rest) out.push({ text: rest, ...style });
}

export function formatWhatsApp(text: string): Span[] {
  const out: Span[] = [];
  const parts = text.split(/```([\s\S]+?)```/);
  parts.forEach((part, i) => {
    if (i % 2 === 1) out.push({ text: part, mono: true });
    else if (part) styled(part, {}, out);
  });
  return out;
}
