import type { ApprovalStatus, ContentTypes } from '../types';

/**
 * The demo account's template catalogue: the same business messages in English, Estonian, Spanish and
 * Brazilian Portuguese, spread over every WhatsApp approval status and several content types, with
 * positional ({{1}}) and named ({{first_name}}) placeholders. One uses a content type the extension
 * does not know, to prove unknown types break nothing.
 */
export interface DemoTemplateSpec {
  /** WhatsApp template name (also the friendly name); the same name exists in several languages. */
  name: string;
  language: 'en' | 'et' | 'es' | 'pt_BR';
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  status: ApprovalStatus;
  rejectionReason?: string;
  /** Sample values per placeholder. */
  variables: Record<string, string>;
  types: ContentTypes;
  /** Created this many days before the seed's "now". */
  ageDays: number;
}

const text = (body: string): ContentTypes => ({ 'twilio/text': { body } });

const media = (body: string, url: string): ContentTypes => ({ 'twilio/media': { body, media: [url] } });

const quickReply = (body: string, ...titles: string[]): ContentTypes => ({
  'twilio/quick-reply': {
    body,
    actions: titles.map((title, i) => ({ id: `reply_${i + 1}`, title })),
  },
});

const payButton = (body: string, title: string): ContentTypes => ({
  'twilio/call-to-action': {
    body,
    actions: [{ type: 'URL', title, url: 'https://pay.acme.example/i/{{invoice_number}}' }],
  },
});

const ORDER_VARS = { '1': 'Mari', '2': '#10482', '3': 'Friday 14 March', '4': 'https://acme.example/t/10482' };
const APPOINTMENT_VARS = { '1': 'Lucía', '2': 'Dr. Ortega', '3': '18 March', '4': '10:30' };
const INVOICE_VARS = { first_name: 'João', invoice_number: 'INV-2025-0311', amount: '€249.00' };
const QUOTE_VARS = { first_name: 'Ann', product: 'Acme CRM Pro', quote_id: 'Q-7731', valid_until: '31 March' };
const CODE_VARS = { '1': '482913' };

export const DEMO_TEMPLATES: readonly DemoTemplateSpec[] = [
  // ── English ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'order_shipped',
    language: 'en',
    category: 'UTILITY',
    status: 'approved',
    variables: ORDER_VARS,
    types: text('Hi {{1}}, good news! Your order {{2}} has shipped and should arrive by {{3}}. Track it here: {{4}}'),
    ageDays: 120,
  },
  {
    name: 'appointment_reminder',
    language: 'en',
    category: 'UTILITY',
    status: 'approved',
    variables: APPOINTMENT_VARS,
    types: quickReply(
      'Hello {{1}}, this is a reminder of your appointment with {{2}} on {{3}} at {{4}}. Can you make it?',
      'Confirm',
      'Reschedule',
    ),
    ageDays: 110,
  },
  {
    name: 'payment_link',
    language: 'en',
    category: 'UTILITY',
    status: 'approved',
    variables: INVOICE_VARS,
    types: payButton(
      'Hi {{first_name}}, your invoice {{invoice_number}} for {{amount}} is ready. You can pay it securely online.',
      'Pay now',
    ),
    ageDays: 95,
  },
  {
    name: 'verification_code',
    language: 'en',
    category: 'AUTHENTICATION',
    status: 'approved',
    variables: CODE_VARS,
    types: text('*{{1}}* is your Acme verification code. For your security, do not share this code.'),
    ageDays: 200,
  },
  {
    name: 'quote_follow_up',
    language: 'en',
    category: 'MARKETING',
    status: 'approved',
    variables: QUOTE_VARS,
    types: text(
      'Hi {{first_name}}, thanks for your interest in {{product}}. Your quote {{quote_id}} is valid until {{valid_until}}. Reply here if you have any questions!',
    ),
    ageDays: 60,
  },
  {
    name: 'spring_sale',
    language: 'en',
    category: 'MARKETING',
    status: 'approved',
    variables: { '1': 'Mari', '2': '20%' },
    types: media(
      '🌷 _Spring sale!_ {{1}}, enjoy *{{2}} off* everything until Sunday.',
      'https://acme.example/media/spring-sale.jpg',
    ),
    ageDays: 20,
  },
  {
    name: 'back_in_stock',
    language: 'en',
    category: 'MARKETING',
    status: 'approved',
    variables: { '1': 'Acme Desk Lamp', '2': 'desk-lamp' },
    types: {
      'twilio/card': {
        title: '{{1}} is back in stock',
        subtitle: 'Reserve yours before they are gone',
        media: ['https://acme.example/media/desk-lamp.jpg'],
        actions: [{ type: 'URL', title: 'Shop now', url: 'https://acme.example/p/{{2}}' }],
      },
    },
    ageDays: 15,
  },
  {
    name: 'welcome_message',
    language: 'en',
    category: 'UTILITY',
    status: 'approved',
    variables: {},
    types: text('Thanks for contacting Acme Sales! A member of our team will reply shortly.'),
    ageDays: 300,
  },
  {
    name: 'flash_offer',
    language: 'en',
    category: 'MARKETING',
    status: 'approved',
    variables: { '1': 'Jonas', '2': 'ACME20' },
    // A content type newer than the extension: it must be listed, not crash anything.
    types: {
      'whatsapp/limited-time-offer': {
        body: 'Hi {{1}}, your personal offer ends soon. Use code {{2}} at checkout.',
        has_expiration: true,
        offer_code: '{{2}}',
      },
    },
    ageDays: 5,
  },
  {
    name: 'delivery_window',
    language: 'en',
    category: 'UTILITY',
    status: 'pending',
    variables: { '1': 'Ann', '2': '#10517', '3': 'Tuesday between 9:00 and 12:00' },
    types: quickReply(
      'Hi {{1}}, your delivery {{2}} is scheduled for {{3}}. Does this time work for you?',
      'Yes, that works',
      'Choose another time',
    ),
    ageDays: 1,
  },
  {
    name: 'feedback_request',
    language: 'en',
    category: 'MARKETING',
    status: 'received',
    variables: { '1': 'Ann', '2': 'our support team' },
    types: quickReply('Hi {{1}}, how would you rate your experience with {{2}}?', '👍 Great', '👎 Not good'),
    ageDays: 0.5,
  },
  {
    name: 'contract_ready',
    language: 'en',
    category: 'UTILITY',
    status: 'unsubmitted',
    variables: { '1': 'Jonas', '2': 'C-2025-044' },
    types: {
      'twilio/call-to-action': {
        body: 'Hello {{1}}, your contract {{2}} is ready to sign.',
        actions: [
          { type: 'URL', title: 'Review and sign', url: 'https://sign.acme.example/{{2}}' },
          { type: 'PHONE_NUMBER', title: 'Call us', phone: '+14155238886' },
        ],
      },
    },
    ageDays: 2,
  },
  {
    name: 'demo_invitation',
    language: 'en',
    category: 'MARKETING',
    status: 'rejected',
    rejectionReason:
      'INVALID_FORMAT: the message body starts with a variable parameter ({{1}}). WhatsApp requires fixed text before the first parameter.',
    variables: { '1': 'Mari', '2': 'Thursday 20 March' },
    types: text('{{1}}, join our live product demo on {{2}}!'),
    ageDays: 12,
  },
  {
    name: 'subscription_renewal_failed',
    language: 'en',
    category: 'UTILITY',
    status: 'paused',
    variables: { '1': 'Ann', '2': 'Acme CRM Pro' },
    types: text(
      'Hi {{1}}, we could not renew your subscription to {{2}}. Update your payment details to keep your service active.',
    ),
    ageDays: 80,
  },
  {
    name: 'black_friday_flash',
    language: 'en',
    category: 'MARKETING',
    status: 'disabled',
    variables: { '1': '40%' },
    types: media('Black Friday at Acme: up to {{1}} off, today only!', 'https://acme.example/media/black-friday.jpg'),
    ageDays: 130,
  },

  // ── Estonian ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'order_shipped',
    language: 'et',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...ORDER_VARS, '3': 'reedeks, 14. märtsiks' },
    types: text(
      'Tere, {{1}}! Teie tellimus {{2}} on teele saadetud ja peaks kohale jõudma {{3}}. Saadetist saate jälgida siin: {{4}}',
    ),
    ageDays: 118,
  },
  {
    name: 'appointment_reminder',
    language: 'et',
    category: 'UTILITY',
    status: 'approved',
    variables: { '1': 'Mari', '2': '18. märtsil', '3': '10:30', '4': 'Narva mnt 5, Tallinn' },
    types: quickReply(
      'Tere, {{1}}! Tuletame meelde, et teie kohtumine toimub {{2}} kell {{3}} aadressil {{4}}. Kas saate tulla?',
      'Kinnitan',
      'Soovin uut aega',
    ),
    ageDays: 108,
  },
  {
    name: 'payment_link',
    language: 'et',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...INVOICE_VARS, first_name: 'Mari' },
    types: payButton(
      'Tere, {{first_name}}! Teie arve {{invoice_number}} summas {{amount}} on valmis. Saate selle turvaliselt veebis tasuda.',
      'Maksa kohe',
    ),
    ageDays: 94,
  },
  {
    name: 'verification_code',
    language: 'et',
    category: 'AUTHENTICATION',
    status: 'approved',
    variables: CODE_VARS,
    types: text('*{{1}}* on teie Acme kinnituskood. Turvalisuse huvides ärge jagage seda koodi kellegagi.'),
    ageDays: 198,
  },
  {
    name: 'welcome_message',
    language: 'et',
    category: 'UTILITY',
    status: 'approved',
    variables: {},
    types: text('Aitäh, et võtsite ühendust Acme müügiga! Meie meeskonna liige vastab teile peagi.'),
    ageDays: 299,
  },
  {
    name: 'quote_follow_up',
    language: 'et',
    category: 'MARKETING',
    status: 'pending',
    variables: { ...QUOTE_VARS, first_name: 'Mari', valid_until: '31. märtsini' },
    types: text(
      'Tere, {{first_name}}! Täname huvi eest toote {{product}} vastu. Teie hinnapakkumine {{quote_id}} kehtib {{valid_until}}. Küsimuste korral vastake julgelt sellele sõnumile.',
    ),
    ageDays: 1.5,
  },
  {
    name: 'delivery_window',
    language: 'et',
    category: 'UTILITY',
    status: 'received',
    variables: { '1': 'Mari', '2': '#10517', '3': 'teisipäeval kella 9 ja 12 vahel' },
    types: quickReply(
      'Tere, {{1}}! Teie saadetis {{2}} tuuakse kohale {{3}}. Kas see aeg sobib teile?',
      'Jah, sobib',
      'Vali muu aeg',
    ),
    ageDays: 0.2,
  },
  {
    name: 'spring_sale',
    language: 'et',
    category: 'UTILITY',
    status: 'rejected',
    rejectionReason:
      'INCORRECT_CATEGORY: the template promotes a sale, which is marketing content, but was submitted as UTILITY.',
    variables: { '1': 'Mari', '2': '20%' },
    types: text('Kevadine allahindlus! {{1}}, kõik tooted on kuni pühapäevani {{2}} soodsamad.'),
    ageDays: 19,
  },
  {
    name: 'payment_overdue',
    language: 'et',
    category: 'UTILITY',
    status: 'paused',
    variables: { '1': 'Mari', '2': 'INV-2025-0290', '3': '1. märts' },
    types: text('Tere, {{1}}! Arve {{2}} maksetähtaeg oli {{3}}. Palun tasuge arve esimesel võimalusel.'),
    ageDays: 70,
  },

  // ── Spanish ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'order_shipped',
    language: 'es',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...ORDER_VARS, '1': 'Lucía', '3': 'el viernes 14 de marzo' },
    types: text('¡Hola, {{1}}! Tu pedido {{2}} ya está en camino y debería llegar {{3}}. Puedes seguirlo aquí: {{4}}'),
    ageDays: 117,
  },
  {
    name: 'appointment_reminder',
    language: 'es',
    category: 'UTILITY',
    status: 'approved',
    variables: APPOINTMENT_VARS,
    types: quickReply(
      'Hola, {{1}}. Te recordamos tu cita con {{2}} el {{3}} a las {{4}}. ¿Podrás asistir?',
      'Confirmar',
      'Cambiar fecha',
    ),
    ageDays: 107,
  },
  {
    name: 'payment_link',
    language: 'es',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...INVOICE_VARS, first_name: 'Lucía' },
    types: payButton(
      'Hola, {{first_name}}. Tu factura {{invoice_number}} por {{amount}} ya está disponible. Puedes pagarla de forma segura en línea.',
      'Pagar ahora',
    ),
    ageDays: 93,
  },
  {
    name: 'verification_code',
    language: 'es',
    category: 'AUTHENTICATION',
    status: 'approved',
    variables: CODE_VARS,
    types: text('*{{1}}* es tu código de verificación de Acme. Por tu seguridad, no lo compartas con nadie.'),
    ageDays: 197,
  },
  {
    name: 'quote_follow_up',
    language: 'es',
    category: 'MARKETING',
    status: 'approved',
    variables: { ...QUOTE_VARS, first_name: 'Lucía', valid_until: '31 de marzo' },
    types: text(
      'Hola, {{first_name}}. Gracias por tu interés en {{product}}. Tu presupuesto {{quote_id}} es válido hasta el {{valid_until}}. ¡Responde a este mensaje si tienes alguna duda!',
    ),
    ageDays: 58,
  },
  {
    name: 'welcome_message',
    language: 'es',
    category: 'UTILITY',
    status: 'approved',
    variables: {},
    types: text('¡Gracias por contactar con Acme Ventas! Un miembro de nuestro equipo te responderá en breve.'),
    ageDays: 298,
  },
  {
    name: 'spring_sale',
    language: 'es',
    category: 'MARKETING',
    status: 'pending',
    variables: { '1': 'Lucía', '2': '20 %' },
    types: media(
      '🌷 ¡Rebajas de primavera! {{1}}, disfruta de un {{2}} de descuento en todo hasta el domingo.',
      'https://acme.example/media/spring-sale.jpg',
    ),
    ageDays: 0.8,
  },
  {
    name: 'back_in_stock',
    language: 'es',
    category: 'MARKETING',
    status: 'rejected',
    rejectionReason:
      'INVALID_FORMAT: the card header media example is missing or could not be downloaded. Add a sample image and resubmit.',
    variables: { '1': 'Lámpara de escritorio Acme', '2': 'desk-lamp' },
    types: {
      'twilio/card': {
        title: '¡{{1}} vuelve a estar disponible!',
        subtitle: 'Resérvala antes de que se agote',
        actions: [{ type: 'URL', title: 'Comprar', url: 'https://acme.example/p/{{2}}' }],
      },
    },
    ageDays: 14,
  },
  {
    name: 'feedback_request',
    language: 'es',
    category: 'MARKETING',
    status: 'unsubmitted',
    variables: { '1': 'Lucía', '2': 'nuestro equipo de soporte' },
    types: quickReply('Hola, {{1}}. ¿Cómo valorarías tu experiencia con {{2}}?', 'Muy buena', 'Mejorable'),
    ageDays: 3,
  },

  // ── Brazilian Portuguese ─────────────────────────────────────────────────────────────────────
  {
    name: 'order_shipped',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...ORDER_VARS, '1': 'João', '3': 'sexta-feira, 14 de março' },
    types: text('Olá, {{1}}! Seu pedido {{2}} foi enviado e deve chegar até {{3}}. Acompanhe aqui: {{4}}'),
    ageDays: 116,
  },
  {
    name: 'appointment_reminder',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...APPOINTMENT_VARS, '1': 'João', '2': 'Dra. Souza' },
    types: quickReply(
      'Olá, {{1}}! Lembrete da sua consulta com {{2}} em {{3}} às {{4}}. Você confirma?',
      'Confirmar',
      'Remarcar',
    ),
    ageDays: 106,
  },
  {
    name: 'payment_link',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'approved',
    variables: { ...INVOICE_VARS, amount: 'R$ 1.290,00' },
    types: payButton(
      'Olá, {{first_name}}! Sua fatura {{invoice_number}} no valor de {{amount}} está disponível. Pague com segurança pelo link abaixo.',
      'Pagar agora',
    ),
    ageDays: 92,
  },
  {
    name: 'verification_code',
    language: 'pt_BR',
    category: 'AUTHENTICATION',
    status: 'approved',
    variables: CODE_VARS,
    types: text('*{{1}}* é o seu código de verificação Acme. Por segurança, não compartilhe este código.'),
    ageDays: 196,
  },
  {
    name: 'welcome_message',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'pending',
    variables: {},
    types: text('Obrigado por falar com a Acme Vendas! Alguém da nossa equipe responderá em breve.'),
    ageDays: 0.3,
  },
  {
    name: 'quote_follow_up',
    language: 'pt_BR',
    category: 'MARKETING',
    status: 'rejected',
    rejectionReason:
      'INVALID_FORMAT: the template contains a shortened URL (bit.ly). WhatsApp does not allow URL shorteners in templates.',
    variables: { ...QUOTE_VARS, first_name: 'João', valid_until: '31 de março' },
    types: text(
      'Olá, {{first_name}}! Seu orçamento {{quote_id}} para {{product}} vale até {{valid_until}}. Veja os detalhes: bit.ly/acme-orcamento',
    ),
    ageDays: 11,
  },
  {
    name: 'contract_ready',
    language: 'pt_BR',
    category: 'UTILITY',
    status: 'paused',
    variables: { '1': 'João', '2': 'C-2025-051' },
    types: {
      'twilio/call-to-action': {
        body: 'Olá, {{1}}! Seu contrato {{2}} está pronto para assinatura.',
        actions: [{ type: 'URL', title: 'Revisar e assinar', url: 'https://sign.acme.example/{{2}}' }],
      },
    },
    ageDays: 45,
  },
  {
    name: 'black_friday',
    language: 'pt_BR',
    category: 'MARKETING',
    status: 'disabled',
    variables: { '1': '40%', '2': 'João' },
    types: media(
      'Black Friday Acme: até {{1}} de desconto só hoje, {{2}}!',
      'https://acme.example/media/black-friday.jpg',
    ),
    ageDays: 128,
  },
];
