// Type-level: run by `vitest run` (typecheck) and by `tsc`. A failure names the messages that disagree.
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ConnectRequest, MessageName, PhoneCandidate, PipedriveRecordRequest, ReplyRequest, RequestOf, SendRequest,
} from '@/lib/messaging/protocol';
import type { requestSchemas } from '@/lib/messaging/schemas';

type Schemas = typeof requestSchemas;
type Output<N extends MessageName> = v.InferOutput<Schemas[N]>;
type IsEqual<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** A schema of no fields is a request that carries nothing; any other request is exactly what its schema outputs. */
type Agrees<N extends MessageName> =
  keyof Output<N> extends never ? IsEqual<RequestOf<N>, Record<string, never>> : IsEqual<RequestOf<N>, Output<N>>;

describe('request types and their schemas', () => {
  it('has a schema for every message and a message for every schema', () => {
    expectTypeOf<keyof Schemas>().toEqualTypeOf<MessageName>();
  });

  it('types every request as what its schema lets through', () => {
    type Disagreeing = { [N in MessageName]: Agrees<N> extends true ? never : N }[MessageName];
    expectTypeOf<{ [N in Disagreeing]: 'its request type is not its schema' }>().toEqualTypeOf<Record<never, never>>();
  });

  it('has schemas that pass a request on unchanged (what a page sends is what the handler gets)', () => {
    type Transforming = { [N in MessageName]: IsEqual<v.InferInput<Schemas[N]>, Output<N>> extends true ? never : N }[MessageName];
    expectTypeOf<{ [N in Transforming]: 'its schema changes what it lets through' }>().toEqualTypeOf<Record<never, never>>();
  });

  it('names the requests the pages build by their schemas', () => {
    expectTypeOf<SendRequest>().toEqualTypeOf<Output<'sendTemplate'>>();
    expectTypeOf<ReplyRequest>().toEqualTypeOf<Output<'sendReply'>>();
    expectTypeOf<ConnectRequest>().toEqualTypeOf<Output<'connectTwilio'>>();
    expectTypeOf<PipedriveRecordRequest>().toEqualTypeOf<Output<'getPipedriveRecord'>>();
    expectTypeOf<PhoneCandidate[]>().toEqualTypeOf<Output<'getConversation'>['phones']>();
  });
});
