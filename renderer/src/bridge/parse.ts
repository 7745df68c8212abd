import {
  type ArgsOf,
  type Channel,
  channels,
  type EventName,
  type EventPayload,
  events,
  type Outcome,
  outcomeSchema,
  type ResultOf,
} from '../../../main/contract/index';

/** The renderer trusts nothing it receives: every outcome and event is parsed by the contract. */
export function parseOutcome<C extends Channel>(channel: C, raw: unknown): Outcome<ResultOf<C>> {
  const parsed = outcomeSchema(channels[channel].result).safeParse(raw);
  if (parsed.success) return parsed.data as Outcome<ResultOf<C>>;
  return {
    ok: false,
    error: { code: 'bad_response', message: `The app answered ${channel} in an unexpected shape.` },
  };
}

export function parseEvent<E extends EventName>(
  event: E,
  raw: unknown,
): EventPayload<E> | undefined {
  const parsed = events[event].safeParse(raw);
  return parsed.success ? (parsed.data as EventPayload<E>) : undefined;
}

export type Invoke = <C extends Channel>(
  channel: C,
  args: ArgsOf<C>,
) => Promise<Outcome<ResultOf<C>>>;
