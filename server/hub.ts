/**
 * The messaging hub: every command of the contract is a hub method of the same
 * name taking its one argument object, and every backend event goes to each
 * connection of the user it concerns as `event(envelope)`. A client catches up
 * after a reconnect with `getEventsSince`, so the hub keeps no per-connection state.
 */
import type { Backend } from '../src/backend/backend.js';
import { isCommandName } from '../src/model/commands.js';
import { ImError } from '../src/model/errors.js';
import { userOfToken, type TokenAuth } from './auth.js';
import { HubServer, type HubServerOptions } from './signalr/hub-server.js';

export interface MessagingHubOptions {
  backend: Backend;
  auth: TokenAuth;
  /** URL path of the hub. Default `/hub`. */
  path?: string;
  /** Passed to the hub server: pings, timeouts, allowed origins, error logging. */
  hub?: Partial<Omit<HubServerOptions, 'path' | 'authenticate' | 'invoke'>>;
}

/** The client method that receives pushed events. */
export const EVENT_METHOD = 'event';

/** A hub server wired to the backend; `dispose` stops listening to backend events. */
export function messagingHub({ backend, auth, path = '/hub', hub = {} }: MessagingHubOptions) {
  const server = new HubServer({
    ...hub,
    path,
    authenticate: userOfToken(auth, async (id) => !!(await backend.run((s) => s.getUser(id)))),
    async invoke({ userId }, method, args) {
      // `isCommandName` reads only the contract's own keys: 'constructor' or '__proto__' are unknown too.
      if (!isCommandName(method)) throw new ImError('not-found', `There is no hub method ${method.slice(0, 100)}.`);
      if (args.length > 1) {
        throw new ImError('invalid', `${method} takes one argument object, not ${args.length} arguments.`, { field: '(arguments)' });
      }
      return backend.execute(userId, method, args[0]);
    },
  });
  const unsubscribe = backend.onEvent((userId, envelope) => server.sendToUser(userId, EVENT_METHOD, [envelope]));
  return { server, dispose: unsubscribe };
}
