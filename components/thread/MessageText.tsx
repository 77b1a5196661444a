import { splitLinks } from '@/lib/conversations/links';
import { formatWhatsApp } from '@/lib/templates/format';

export interface MessageTextProps {
  text: string;
}

/**
 * A message's text with WhatsApp's formatting (`*bold*`, `_italic_`, `~strike~`, ```` ```mono``` ````) and its https
 * links clickable (a new tab, without the opener or the referrer). Every piece is a text node: nothing from Twilio or
 * the customer can become HTML.
 */
export function MessageText({ text }: MessageTextProps) {
  return (
    <>
      {formatWhatsApp(text).map((span, i) => {
        let node = (
          <>
            {splitLinks(span.text).map((piece, j) =>
              piece.href ? <a key={j} href={piece.href} target="_blank" rel="noopener noreferrer">{piece.text}</a> : piece.text,
            )}
          </>
        );
        if (span.mono) node = <code>{node}</code>;
        if (span.strike) node = <s>{node}</s>;
        if (span.italic) node = <em>{node}</em>;
        if (span.bold) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}
