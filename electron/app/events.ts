// A small typed emitter for the contract's pushed events (EventMap).
import type { EventMap, EventName } from '../../shared';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface AppEvents {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Every event, for transports that forward them all (IPC, websocket). */
  onAny(listener: EventListener): () => void;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

export function createAppEvents(onListenerError: (error: unknown) => void = () => {}): AppEvents {
  const any = new Set<EventListener>();
  return {
    on(event, listener) {
      const wrapped: EventListener = (name, payload) => {
        if (name === (event as string)) listener(payload as unknown as Parameters<typeof listener>[0]);
      };
      any.add(wrapped);
      return () => void any.delete(wrapped);
    },
    onAny(listener) {
      any.add(listener);
      return () => void any.delete(listener);
    },
    emit(event, payload) {
      for (const listener of [...any]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
