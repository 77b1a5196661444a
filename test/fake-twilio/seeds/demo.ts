import { DAY_MS, HOUR_MS } from '../dates';
import { deterministicSid } from '../sids';
import type { AsyncFailureCode, MessageRecord, SeedCredentials, SeedData } from '../types';
import { DEMO_TEMPLATES } from './demo-templates';
import { inbound, outbound, senderRecord, templateRecord } from './records';

/**
 * "Acme Sales": the account the demo, the e2e tests and the screenshots use. Five customers, one in
 * each window state the extension must show, and a catalogue of ~40 templates (demo-templates.ts).
 * Every time is relative to the fake clock when the fake starts (or resets).
 */
export const DEMO_CREDENTIALS: SeedCredentials = {
  accountSid: 'AC095c0535f61f5a77ba28c80bdafd8f9a',
  authToken: '58c89d1fdc4da8e20693f74693f7e626',
  mainKeySid: 'SK9b72f140d1da2c2edc3187d2968714ce',
  mainKeySecret: '9ade6eda85e1f96aff8508d62022d91f',
  standardKeySid: 'SKd9d0af88ac7c3b3b08afc6aa32469d9f',
  standardKeySecret: '15e53859ac1d4615191962061b678ef7',
  friendlyName: 'Acme Sales',
};

export const DEMO_SENDERS = [
  { number: '+14155238886', whatsapp: 'whatsapp:+14155238886', profileName: 'Acme Sales' },
  { number: '+442071838750', whatsapp: 'whatsapp:+442071838750', profileName: 'Acme Support' },
] as const;

const SALES = DEMO_SENDERS[0].number;
const SUPPORT = DEMO_SENDERS[1].number;

/** The customer's 24-hour window with Acme Sales when the fake starts. */
export type DemoWindowState = 'open' | 'expiring' | 'closed' | 'never';

export interface DemoContact {
  name: string;
  /** E.164 */
  number: string;
  whatsapp: string;
  state: DemoWindowState;
  /** How long before start the customer last wrote to Acme Sales; null = never. */
  lastInboundAgoMs: number | null;
  /** Every message sent to this customer fails with this code (e.g. not on WhatsApp). */
  asyncFailure: AsyncFailureCode | null;
}

const contact = (
  name: string,
  number: string,
  state: DemoWindowState,
  lastInboundAgoMs: number | null,
  asyncFailure: AsyncFailureCode | null = null,
): DemoContact => ({ name, number, whatsapp: `whatsapp:${number}`, state, lastInboundAgoMs, asyncFailure });

export const DEMO_CONTACTS = {
  mari: contact('Mari Tamm', '+37251234567', 'open', 3 * HOUR_MS),
  lucia: contact('Lucía García', '+34600123456', 'expiring', 23 * HOUR_MS),
  joao: contact('João Silva', '+5511912345678', 'closed', 30 * HOUR_MS),
  ann: contact('Ann Smith', '+447911123456', 'never', null),
  jonas: contact('Jonas Becker', '+4915123456789', 'open', 2 * HOUR_MS, 63024),
} as const satisfies Record<string, DemoContact>;

export const DEMO_CONTACT_LIST: readonly DemoContact[] = Object.values(DEMO_CONTACTS);

/** The demo templates with the SIDs the seed gives them, e.g. to send `order_shipped` in English. */
export function demoTemplateSid(name: string, language: string): string {
  return deterministicSid('HX', `demo:template:${name}:${language}`);
}

export function demoSeed(now: number): SeedData {
  return {
    credentials: DEMO_CREDENTIALS,
    account: { friendlyName: DEMO_CREDENTIALS.friendlyName, type: 'Full', dateCreated: now - 400 * DAY_MS },
    templates: DEMO_TEMPLATES.map((spec) =>
      templateRecord(`demo:template:${spec.name}:${spec.language}`, {
        friendlyName: spec.name,
        language: spec.language,
        variables: spec.variables,
        types: spec.types,
        approval: { category: spec.category, status: spec.status, rejectionReason: spec.rejectionReason ?? '' },
        dateCreated: now - spec.ageDays * DAY_MS,
      }),
    ),
    senders: [
      senderRecord('demo:sender:sales', SALES, 'Acme Sales', 'Quotes, orders and invoices.'),
      senderRecord('demo:sender:support', SUPPORT, 'Acme Support', 'Help with deliveries and returns.'),
    ],
    messages: demoMessages(now),
    contactFailures: DEMO_CONTACT_LIST.flatMap((c) =>
      c.asyncFailure === null ? [] : [[c.number, c.asyncFailure] as [string, AsyncFailureCode]],
    ),
  };
}

/**
 * A few conversations over the past week, so day filters and paging have something to chew on. The
 * newest inbound message of each contact sets the window state promised in DEMO_CONTACTS.
 */
function demoMessages(now: number): MessageRecord[] {
  const ago = (ms: number): number => now - ms;
  const { mari, lucia, joao, ann, jonas } = DEMO_CONTACTS;
  let n = 0;
  const sid = (): string => `demo:message:${++n}`;
  return [
    inbound(sid(), mari.number, SALES, ago(4 * DAY_MS), 'Tere! Kas teil on seda mudelit ka sinisena?'),
    inbound(sid(), mari.number, SALES, ago(27 * HOUR_MS), 'Aitäh, sain arve kätte.'),
    inbound(sid(), mari.number, SALES, ago(3 * HOUR_MS), 'Tere! Kas mu tellimus #10482 on juba teele läinud?'),
    outbound(sid(), SALES, mari.number, ago(2 * HOUR_MS + 50 * 60_000), 'Tere, Mari! Jah, see läks täna hommikul teele.'),

    inbound(sid(), lucia.number, SALES, ago(5 * DAY_MS), 'Hola, me interesa el plan Pro.'),
    inbound(sid(), lucia.number, SALES, ago(2 * DAY_MS), 'Gracias por la llamada de hoy.'),
    inbound(sid(), lucia.number, SALES, ago(23 * HOUR_MS), 'Hola, ¿podéis enviarme el presupuesto actualizado?'),

    inbound(sid(), joao.number, SALES, ago(6 * DAY_MS), 'Olá, gostaria de um orçamento.'),
    inbound(sid(), joao.number, SALES, ago(3 * DAY_MS), 'Bom dia, podem me ligar?'),
    inbound(sid(), joao.number, SALES, ago(30 * HOUR_MS), 'Olá! Ainda não recebi o boleto.'),
    outbound(sid(), SALES, joao.number, ago(29 * HOUR_MS), 'Olá João, vamos reenviar o boleto hoje.'),

    outbound(
      sid(),
      SALES,
      ann.number,
      ago(2 * DAY_MS),
      'Hi Ann, good news! Your order #10517 has shipped and should arrive by Monday. Track it here: https://acme.example/t/10517',
      { contentSid: demoTemplateSid('order_shipped', 'en') },
    ),

    inbound(sid(), jonas.number, SALES, ago(50 * HOUR_MS), 'Danke für die schnelle Antwort!'),
    outbound(sid(), SALES, jonas.number, ago(49 * HOUR_MS), 'Hi Jonas, here is the updated quote.', { failure: 63024 }),
    inbound(sid(), jonas.number, SALES, ago(2 * HOUR_MS), 'Hallo, können Sie mir das Angebot noch einmal schicken?'),

    // Someone writing to the support number: traffic that a Sales-only sync must filter out by `To`.
    inbound(sid(), '+33612345678', SUPPORT, ago(8 * DAY_MS), 'Bonjour, où en est ma commande ?'),
    inbound(sid(), '+33612345678', SUPPORT, ago(5 * HOUR_MS), 'Bonjour, mon colis est arrivé endommagé.'),
  ];
}
