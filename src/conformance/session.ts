/**
 * One test person connected to the hub under test with the real `@microsoft/signalr`
 * client, as the panel connects: their calls, with refusals decoded as the panel decodes
 * them, and every event pushed to them.
 */
import * as signalR from '@microsoft/signalr';
import type { CommandArgs, CommandName, CommandResults } from '../model/commands.js';
import { ImError } from '../model/errors.js';
import type { EventEnvelope } from '../model/events.js';
import { decodeHubError } from '../transport/hub-errors.js';
import type { FixturePerson } from './fixture.js';

/** How long a wait for something pushed may take before the check fails. */
export const WAIT_MS = 10_000;

export class Session {
  readonly events: EventEnvelope[] = [];

  private constructor(
    readonly name: string,
    readonly person: FixturePerson,
    private connection: signalR.HubConnection,
    private readonly answered: Set<CommandName>,
  ) {}

  /** Connects `person`; `answered` collects every method that answered, for the coverage check. */
  static async open(hubUrl: string, name: string, person: FixturePerson, answered: Set<CommandName>): Promise<Session> {
    const session = new Session(name, person, Session.build(hubUrl, person), answered);
    await session.start();
    return session;
  }

  private static build(hubUrl: string, person: FixturePerson) {
    return new signalR.HubConnectionBuilder()
      .withUrl(hubUrl, { accessTokenFactory: () => person.token, transport: signalR.HttpTransportType.WebSockets })
      .configureLogging(signalR.LogLevel.None)
      .build();
  }

  private async start() {
    this.connection.on('event', (envelope: EventEnvelope) => this.events.push(envelope));
    await this.connection.start().catch((error: unknown) => {
      throw new Error(`${this.name} can't connect: ${(error as Error).message}`);
    });
  }

  /** Calls a method; a refusal rejects with the `ImError` the hub sent (or a plain Error if it sent none). */
  async call<K extends CommandName>(name: K, args: CommandArgs[K]): Promise<CommandResults[K]> {
    const result = await this.invoke<CommandResults[K]>(name, args);
    this.answered.add(name);
    return result;
  }

  /** Calls anything, as a misbehaving client could. */
  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.connection.invoke<T>(method, ...args);
    } catch (error) {
      throw decodeHubError((error as Error).message) ?? new Error(`${method} failed without an ImError: ${(error as Error).message}`);
    }
  }

  /** The refusal of a call that must be refused; fails if it answered. */
  async refusal<K extends CommandName>(name: K, args: CommandArgs[K]): Promise<ImError> {
    return refusalOf(this.call(name, args), `${this.name}: ${name}`);
  }

  /** Waits until an event matching `test` has arrived, and returns it. */
  async waitForEvent(test: (envelope: EventEnvelope) => boolean, what: string): Promise<EventEnvelope> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > until) throw new Error(`${this.name} never heard of ${what} (waited ${WAIT_MS / 1000} s)`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /** The highest seq heard so far. */
  get lastSeq(): number {
    return this.events.reduce((max, e) => Math.max(max, e.seq), 0);
  }

  async stop() {
    await this.connection.stop();
  }

  /** Connects again after `stop`, as a client coming back; events missed meanwhile are not pushed. */
  async reconnect(hubUrl: string) {
    this.connection = Session.build(hubUrl, this.person);
    await this.start();
  }
}

/** The `ImError` a promise rejects with; fails if it resolves or rejects with something else. */
export async function refusalOf(promise: Promise<unknown>, what: string): Promise<ImError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImError) return error;
    throw new Error(`${what} failed without an ImError: ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`${what} was answered, but must be refused`);
}
