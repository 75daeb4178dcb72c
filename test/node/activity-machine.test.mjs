// The activity state machine (src/share-button/activity-machine.ts) on its own: every transition, what the
// element is told to do, and what it is not. Pure, so plain node, on the built module.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// Not a public entry: the built module itself.
import { PRESS_BURST_MS, initial, reduce } from '../../dist/npm/share-button/activity-machine.js';

const activity = (over = {}) => ({
  shareId: 'abcdefghijklmnopqrstu',
  state: 'idle',
  shareLink: '',
  updatedAt: 1,
  ...over,
});
const LINK = 'https://vision.xoeye.io/partners/ACME/share/abcdefghijklmnopqrstu';

describe('press', () => {
  test('the first press opens; presses within the burst do nothing; one after it opens again', () => {
    const first = reduce(initial(activity()), { type: 'press', at: 5000 });
    assert.deepEqual(first.effects, ['open']);
    const burst = reduce(first.state, { type: 'press', at: 5000 + PRESS_BURST_MS - 1 });
    assert.deepEqual(burst.effects, []);
    assert.equal(burst.state, first.state);
    assert.deepEqual(reduce(first.state, { type: 'press', at: 5000 + PRESS_BURST_MS }).effects, ['open']);
  });

  test('a switched work order or a reset ends the burst: the next press opens at once', () => {
    const pressed = reduce(initial(activity()), { type: 'press', at: 5000 }).state;
    for (const type of ['switched', 'reset']) {
      const next = reduce(pressed, { type, activity: activity({ shareId: 'zyxwvutsrqponmlkjihgf' }) }).state;
      assert.deepEqual(reduce(next, { type: 'press', at: 5001 }).effects, ['open'], type);
    }
  });
});

describe('opened', () => {
  test('idle → pending: saved, the question asked, focus on it', () => {
    const step = reduce(initial(activity()), { type: 'opened', at: 77 });
    assert.deepEqual(step.state.activity, activity({ state: 'pending', updatedAt: 77 }));
    assert.equal(step.state.notice, 'asked');
    assert.deepEqual(step.effects, ['save']);
    assert.equal(step.focus, 'prompt');
  });

  test('no-confirm: linked at once, saved, xoi-share-link, focus on the link', () => {
    const step = reduce(initial(activity()), { type: 'opened', at: 77, link: LINK });
    assert.deepEqual(step.state.activity, activity({ state: 'linked', shareLink: LINK, updatedAt: 77 }));
    assert.deepEqual(step.effects, ['save', 'xoi-share-link']);
    assert.equal(step.focus, 'link');
    assert.equal(step.state.notice, 'linked');
  });

  test('reopened after No: the question comes back, the same activity, nothing saved', () => {
    const declined = { ...initial(activity({ state: 'pending' })), declined: true, notice: 'incomplete' };
    const step = reduce(declined, { type: 'opened', at: 90 });
    assert.equal(step.state.activity, declined.activity);
    assert.equal(step.state.declined, false);
    assert.equal(step.state.notice, 'asked');
    assert.deepEqual(step.effects, []);
    assert.equal(step.focus, 'prompt');
  });

  test('no-confirm after No: linked, and the No is forgotten', () => {
    const declined = { ...initial(activity({ state: 'pending' })), declined: true, notice: 'incomplete' };
    const step = reduce(declined, { type: 'opened', at: 91, link: LINK });
    assert.deepEqual(step.state, {
      activity: activity({ state: 'linked', shareLink: LINK, updatedAt: 91 }),
      declined: false,
      notice: 'linked',
      lastPress: -Infinity,
    });
  });

  test('a linked activity reopened stays linked: nothing changes, even with no-confirm', () => {
    const linked = initial(activity({ state: 'linked', shareLink: LINK }));
    for (const event of [
      { type: 'opened', at: 9 },
      { type: 'opened', at: 9, link: 'https://other.example/x' },
    ]) {
      const step = reduce(linked, event);
      assert.equal(step.state, linked);
      assert.deepEqual(step.effects, []);
    }
  });
});

describe('answer', () => {
  // Pressed at 100, then answered.
  const pending = reduce(initial(activity({ state: 'pending' })), { type: 'press', at: 100 }).state;

  test('Yes: linked with the link, saved, xoi-share-link; the burst ends', () => {
    const step = reduce(pending, { type: 'answer', at: 300, completed: true, link: LINK });
    assert.deepEqual(step.state.activity, activity({ state: 'linked', shareLink: LINK, updatedAt: 300 }));
    assert.deepEqual(step.effects, ['save', 'xoi-share-link']);
    // The answer ended the press burst: a press right after it counts.
    assert.deepEqual(reduce(step.state, { type: 'press', at: 101 }).effects, ['open']);
  });

  test('No: declined, still pending, xoi-share-incomplete, focus back on the button; nothing saved', () => {
    const step = reduce(pending, { type: 'answer', at: 300, completed: false, link: LINK });
    assert.equal(step.state.activity, pending.activity);
    assert.equal(step.state.declined, true);
    assert.equal(step.state.notice, 'incomplete');
    assert.deepEqual(step.effects, ['xoi-share-incomplete']);
    assert.equal(step.focus, 'button');
    // "No", then "Continue in XOi" at once: that press counts.
    assert.deepEqual(reduce(step.state, { type: 'press', at: 101 }).effects, ['open']);
  });

  test('an answer to an idle or linked activity changes nothing (a link is never undone)', () => {
    for (const state of ['idle', 'linked']) {
      const before = initial(activity({ state, shareLink: state === 'linked' ? LINK : '' }));
      for (const completed of [true, false]) {
        const step = reduce(before, { type: 'answer', at: 1, completed, link: 'https://other.example/x' });
        assert.equal(step.state, before);
        assert.deepEqual(step.effects, []);
      }
    }
  });
});

describe('reset, switched, stored', () => {
  const linked = { ...initial(activity({ state: 'linked', shareLink: LINK })), notice: 'linked' };
  const next = activity({ shareId: 'zyxwvutsrqponmlkjihgf' });

  test('reset: a new activity, the old one removed', () => {
    const step = reduce(linked, { type: 'reset', activity: next });
    assert.deepEqual(step.state, initial(next));
    // What the element shows for it: no notice, no No remembered, the next press counts.
    assert.deepEqual(step.state, { activity: next, declined: false, notice: '', lastPress: -Infinity });
    assert.deepEqual(step.effects, ['remove']);
  });

  test('switched: the other work order, nothing removed or saved', () => {
    const step = reduce(linked, { type: 'switched', activity: next });
    assert.deepEqual(step.state, initial(next));
    assert.deepEqual(step.effects, []);
  });

  test('stored: linked elsewhere fires xoi-share-link here too; other changes are taken quietly', () => {
    const pending = initial(activity({ state: 'pending' }));
    const step = reduce(pending, { type: 'stored', activity: activity({ state: 'linked', shareLink: LINK }) });
    assert.deepEqual(step.effects, ['xoi-share-link']);
    assert.equal(step.state.notice, 'linked');
    const afterNo = reduce(
      { ...pending, declined: true },
      { type: 'stored', activity: activity({ state: 'linked', shareLink: LINK }) },
    );
    assert.equal(afterNo.state.declined, false, 'linked elsewhere after a No here: the No is forgotten');
    const quiet = reduce({ ...pending, declined: true }, { type: 'stored', activity: next });
    assert.deepEqual(quiet.effects, []);
    assert.equal(quiet.state.activity, next);
    assert.equal(quiet.state.declined, false);
    // Already linked: the same link again is not news.
    assert.deepEqual(reduce(linked, { type: 'stored', activity: linked.activity }).effects, []);
  });
});
