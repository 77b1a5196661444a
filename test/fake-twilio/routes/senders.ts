import { TwilioApiError } from '../errors';
import { TOKEN_SCHEMES, slicePage } from '../logic/paging';
import { productMeta } from '../render/lists';
import { MESSAGING_ORIGIN, renderSender } from '../render/sender';
import type { SenderRecord } from '../types';
import { readPageRequest, sidOrderCursor, type TwilioRoute } from './context';

/** `GET /v2/Channels/Senders?Channel=whatsapp` */
export const listSenders: TwilioRoute = {
  method: 'GET',
  pattern: /^\/v2\/Channels\/Senders$/,
  handle({ store, query }) {
    const channel = query.Channel;
    if (channel === undefined) throw new TwilioApiError(20001, 'Missing required parameter Channel in the get request');
    // Twilio's spec gives 20 as the WhatsApp default page size (50 for other channels).
    const request = readPageRequest(query, 20);
    const cursor = sidOrderCursor<SenderRecord>(request.pageToken);
    // Every sender of the fake is a WhatsApp sender; other channels (rcs, …) have none.
    const senders = channel.toLowerCase() === 'whatsapp' ? store.sendersBySid() : [];
    const slice = slicePage(senders, request.pageSize, cursor);
    return {
      status: 200,
      body: {
        senders: slice.items.map(renderSender),
        meta: productMeta(`${MESSAGING_ORIGIN}/v2/Channels/Senders`, 'senders', {
          params: [['Channel', channel]],
          request,
          slice,
          scheme: TOKEN_SCHEMES.product,
        }),
      },
    };
  },
};
