/**
 * The messaging hub: every command of the contract is a hub method of the same
 * name taking its one argument object, and every backend event goes to each
 * connection of the user it concerns as `event(envelope)`, in order (delivery.ts). A
 * client catches up after a reconnect with `getEventsSince`, so the hub keeps no
 * per-connection state. With several instances, events cross between them on the bus.
 */
import type { Backend } from '../src/backend/backend.js';
import { envelopeOf } from '../src/backend/storage.js';
import { isCommandName } from '../src/model/commands.js';
import { ImError } from '../src/model/errors.js';
import { userOfToken, type TokenAuth } from './auth.js';
import type { EventBus } from './cluster.js';
import { Delivery } from './delivery.js';
import { eventRecord } from './event-records.js';
import { HubServer, type HubServerOptions } from './signalr/hub-server.js';

export interface MessagingHubOptions {
  backend: Backend;
  auth: TokenAuth;
  /** URL path of the hub. Default `/hub`. */
  path?: string;
  /** Passed to the hub server: pings, timeouts, allowed origins, error logging. */
  hub?: Partial<Omit<HubServerOptions, 'path' | 'authenticate' | 'invoke'>>;
  /** The other instances' events, and ours for them; without it this instance is alone. */
  bus?: EventBus;
}

/** How long a user's first connection waits for Redis to subscribe them before going on without (and catching up once it can). */
const SUBSCRIBE_WAIT_MS = 2_000;

/** The client method that receives pushed events. */
export const EVENT_METHOD = 'event';

/** A hub server wired to the backend; `dispose` stops listening to backend events. */
export function messagingHub({ backend, auth, path = '/hub', hub = {}, bus }: MessagingHubOptions) {
  const server: HubServer = new HubServer({
    ...hub,
    path,
    authenticate: userOfToken(auth, async (id) => !!(await backend.run((s) => s.getUser(id)))),
    onConnection(ctx) {
      delivery.watch(ctx.userId, bus && (() => bus.watch(ctx.userId, SUBSCRIBE_WAIT_MS)));
      hub.onConnection?.(ctx);
    },
    onDisconnection(ctx) {
      if (delivery.unwatch(ctx.userId)) bus?.unwatch(ctx.userId);
      hub.onDisconnection?.(ctx);
    },
    async invoke({ userId }, method, args) {
      // `isCommandName` reads only the contract's own keys: 'constructor' or '__proto__' are unknown too.
      if (!isCommandName(method)) throw new ImError('not-found', `There is no hub method ${method.slice(0, 100)}.`);
      if (args.length > 1) {
        throw new ImError('invalid', `${method} takes one argument object, not ${args.length} arguments.`, { field: '(arguments)' });
      }
      // Events are counted from here on before the client's first command (its catch-up) runs.
      await delivery.ready(userId);
      const result = await backend.execute(userId, method, args[0]);
      // A command answered is a command every instance has heard of: "sent" means sent to everyone.
      await bus?.flushed();
      return result;
    },
  });
  const delivery = new Delivery({
    send: (userId, event) => server.sendRecord(userId, eventRecord(EVENT_METHOD, event)),
    // The client reconnects and catches up from the last event it has: nothing is skipped.
    reset: (userId) => server.closeUser(userId, { allowReconnect: true, error: 'Events could not be read; reconnect to catch up.' }),
    read: (userId, seq, limit) => backend.storage.eventsSince(userId, seq, limit).then(({ events, latestSeq }) => ({ events, latestSeq })),
    report: (error) => console.error('[delivery] the database could not be read:', error),
  });
  bus?.listen({ event: (userId, envelope) => delivery.deliver(userId, envelope), resync: (userId) => delivery.resync(userId) });
  const unsubscribe = backend.onEvent((userId, stored) => {
    delivery.deliver(userId, stored);
    bus?.publish(userId, envelopeOf(stored));
  });
  return { server, dispose: unsubscribe };
}
