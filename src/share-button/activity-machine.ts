/**
 * The activity's state machine, pure: `reduce(state, event)` returns the next state and what
 * the element must do about it. No DOM, no storage, no clock: time comes in the events, so
 * every rule is a unit test away (test/node/activity-machine.test.mjs).
 *
 *     idle ──opened──▶ pending ──answer Yes──▶ linked (final: only reset leaves it)
 *                       │   ▲
 *                       └───┘ answer No: declined; the question returns with the next opening
 */
import type { Activity } from './activity-store.js';

/** Presses this close together are one burst: one POST (and one XOi tab), not several. */
export const PRESS_BURST_MS = 1000;

export interface Machine {
  activity: Activity;
  /** The technician answered No; the question comes back with the next opening. */
  declined: boolean;
  /** What the live region says: a key of the strings, or nothing. */
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
  /** The host asked for a new activity; or the element now shows another work order; or another
   * element of this page, or another tab, changed this one's activity. */
  | { type: 'reset' | 'switched' | 'stored'; activity: Activity };

/**
 * What the element does after a step, in order: open XOi (a press that counts), save the new
 * activity, remove the old one, fire an event.
 */
export type Effect = 'open' | 'save' | 'remove' | 'xoi-share-link' | 'xoi-share-incomplete';

export interface Step {
  state: Machine;
  effects: Effect[];
  /** Where focus goes after the render. */
  focus?: 'prompt' | 'link' | 'button';
}

export const initial = (activity: Activity): Machine => ({
  activity,
  declined: false,
  notice: '',
  lastPress: -Infinity,
});

export function reduce(state: Machine, event: MachineEvent): Step {
  const { activity } = state;
  switch (event.type) {
    case 'press':
      // A double click, a held key, or a touch screen that reports every press as a first one.
      return event.at - state.lastPress < PRESS_BURST_MS
        ? { state, effects: [] }
        : { state: { ...state, lastPress: event.at }, effects: ['open'] };
    case 'opened':
      // Reopening a linked activity shows it again in XOi; the link stays.
      if (activity.state == 'linked') return { state, effects: [] };
      if (event.link != null) return link(state, event.at, event.link);
      return activity.state == 'idle'
        ? {
            state: { ...state, activity: { ...activity, state: 'pending', updatedAt: event.at }, notice: 'asked' },
            effects: ['save'],
            focus: 'prompt',
          }
        : { state: { ...state, declined: false, notice: 'asked' }, effects: [], focus: 'prompt' };
    case 'answer':
      if (activity.state != 'pending') return { state, effects: [] };
      // An answer ends the press burst: "No", then "Continue in XOi" at once, posts again.
      state = { ...state, lastPress: -Infinity };
      return event.completed
        ? link(state, event.at, event.link)
        : {
            state: { ...state, declined: true, notice: 'incomplete' },
            effects: ['xoi-share-incomplete'],
            focus: 'button',
          };
    case 'stored':
      return activity.state != 'linked' && event.activity.state == 'linked'
        ? {
            state: { ...state, activity: event.activity, declined: false, notice: 'linked' },
            effects: ['xoi-share-link'],
          }
        : { state: { ...state, activity: event.activity, declined: false }, effects: [] };
    default:
      // reset, switched: a burst belongs to one activity, so the next one's first press counts.
      return { state: initial(event.activity), effects: event.type == 'reset' ? ['remove'] : [] };
  }
}

function link(state: Machine, at: number, shareLink: string): Step {
  return {
    state: {
      ...state,
      activity: { ...state.activity, state: 'linked', shareLink, updatedAt: at },
      declined: false,
      notice: 'linked',
    },
    effects: ['save', 'xoi-share-link'],
    focus: 'link',
  };
}
