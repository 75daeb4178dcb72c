/**
 * The activity's state machine, pure: `reduce(state, event)` returns the next state and the
 * effects the element must carry out (save, emit, focus). No DOM, no storage, no clock: time
 * comes in the events, so every rule here is a unit test away (test/node/activity-machine.test.mjs).
 *
 *     idle ──opened──▶ pending ──answer Yes──▶ linked (final; only reset leaves it)
 *       ▲                 │ ▲
 *       │                 └─┘ answer No: declined, the question returns with the next opening
 *       └──── reset ◀──── any
 */
import type { Activity } from './activity-store.js';

/** Presses this close together are one burst: one POST (and one XOi tab), not several. */
export const PRESS_BURST_MS = 1000;

export interface Machine {
  activity: Activity;
  /** The technician answered No; the question comes back with the next opening. */
  declined: boolean;
  /** What the live region says last. */
  notice: '' | 'asked' | 'linked' | 'incomplete';
  /** When the last counted press was (ms); a press closer than {@link PRESS_BURST_MS} is ignored. */
  lastPress: number;
}

export type MachineEvent =
  /** The button was pressed (`at`: a monotonic clock). */
  | { type: 'press'; at: number }
  /** The POST went out (`at`: epoch ms). With `link` (no-confirm) the activity links at once. */
  | { type: 'opened'; at: number; link?: string }
  /** The technician answered "Have you completed the workflow?". */
  | { type: 'answer'; at: number; completed: boolean; link: string }
  /** The host asked for a new activity, or the element moved to another work order. */
  | { type: 'reset' | 'switched'; activity: Activity }
  /** Another element of this page, or another tab, changed this work order's activity. */
  | { type: 'stored'; activity: Activity };

export type Effect =
  /** A press that counts: open the activity in XOi. */
  | { type: 'open' }
  | { type: 'save'; activity: Activity }
  | { type: 'remove' }
  | { type: 'emit'; event: 'xoi-share-link' | 'xoi-share-incomplete' }
  | { type: 'focus'; target: 'prompt' | 'link' | 'button' };

export interface Step {
  state: Machine;
  effects: Effect[];
}

export const initial = (activity: Activity): Machine => ({ activity, declined: false, notice: '', lastPress: -Infinity });

function link(state: Machine, at: number, shareLink: string): Step {
  const activity: Activity = { ...state.activity, state: 'linked', shareLink, updatedAt: at };
  return {
    state: { ...state, activity, declined: false, notice: 'linked' },
    effects: [{ type: 'save', activity }, { type: 'emit', event: 'xoi-share-link' }, { type: 'focus', target: 'link' }],
  };
}

export function reduce(state: Machine, event: MachineEvent): Step {
  const { activity } = state;
  const unchanged: Step = { state, effects: [] };
  switch (event.type) {
    case 'press':
      // A double click, a held key, or presses on a touch screen that all report detail 1.
      return event.at - state.lastPress < PRESS_BURST_MS
        ? unchanged
        : { state: { ...state, lastPress: event.at }, effects: [{ type: 'open' }] };
    case 'opened': {
      // Reopening a linked activity shows it again in XOi; the link stays.
      if (activity.state == 'linked') return unchanged;
      const pending: Activity = activity.state == 'idle' ? { ...activity, state: 'pending', updatedAt: event.at } : activity;
      const opened = { ...state, activity: pending };
      if (event.link != null) return link(opened, event.at, event.link);
      return {
        state: { ...opened, declined: false, notice: 'asked' },
        effects: [...(pending != activity ? [{ type: 'save', activity: pending } as const] : []), { type: 'focus', target: 'prompt' }],
      };
    }
    case 'answer': {
      if (activity.state != 'pending') return unchanged;
      // An answer ends the press burst: "No", then "Continue in XOi" at once, posts again.
      const answered = { ...state, lastPress: -Infinity };
      if (event.completed) return link(answered, event.at, event.link);
      return {
        state: { ...answered, declined: true, notice: 'incomplete' },
        effects: [
          { type: 'emit', event: 'xoi-share-incomplete' },
          { type: 'focus', target: 'button' },
        ],
      };
    }
    case 'reset':
    case 'switched':
      // A burst belongs to one activity: the next work order's first press always counts.
      return {
        state: initial(event.activity),
        effects: event.type == 'reset' ? [{ type: 'remove' }] : [],
      };
    case 'stored': {
      const linkedNow = activity.state != 'linked' && event.activity.state == 'linked';
      return {
        state: { ...state, activity: event.activity, declined: false, notice: linkedNow ? 'linked' : state.notice },
        effects: linkedNow ? [{ type: 'emit', event: 'xoi-share-link' }] : [],
      };
    }
  }
}
