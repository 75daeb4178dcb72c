// The store contract on the memory stores (one process, for unit tests and demos), and what only
// the memory link store has: links given at creation, links(), a clock of its own, and the
// reservation lifetime checked when it is created.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoryLinkStore, createMemoryNotificationInbox } from '../../dist/npm/server/index.js';
import { link, storeContract } from './store-contract.mjs';

storeContract('memory', async (options = {}) => ({
  links: createMemoryLinkStore([], { reservationTtlMs: options.reservationTtlMs }),
  notifications: createMemoryNotificationInbox({ retentionMs: options.notificationRetentionMs }),
}));

describe('memory link store only', () => {
  test('links given at creation are final links; links() lists every committed link, as copies', async () => {
    assert.deepEqual(createMemoryLinkStore().links(), []);
    const store = createMemoryLinkStore([link('WO-1', 'job-1'), link('WO-2', 'job-2')]);
    assert.deepEqual(store.get('WO-1'), link('WO-1', 'job-1'));
    assert.deepEqual(store.getByJob('job-2'), link('WO-2', 'job-2'));
    assert.equal(store.reserve('WO-1', 'job-9'), null);
    assert.equal(store.reserve('WO-9', 'job-2'), null);
    const r = store.reserve('WO-3', 'job-3');
    assert.deepEqual(store.links(), [link('WO-1', 'job-1'), link('WO-2', 'job-2')], 'a reservation is not a link');
    store.commit(r, link('WO-3', 'job-3'));
    const listed = store.links();
    assert.deepEqual(listed, [link('WO-1', 'job-1'), link('WO-2', 'job-2'), link('WO-3', 'job-3')]);
    listed[0].label = 'changed';
    assert.deepEqual(store.links()[0], link('WO-1', 'job-1'));
  });

  test('a reservation lives exactly reservationTtlMs on the store clock', () => {
    let now = 1_000_000;
    const store = createMemoryLinkStore([], { reservationTtlMs: 1000, now: () => now });
    store.reserve('WO-1', 'job-1');
    now += 999;
    assert.equal(store.reserve('WO-1', 'job-1'), null, 'still held 1 ms before it expires');
    assert.deepEqual([...store.linkedJobIds(['job-1'])], ['job-1']);
    now += 1;
    assert.deepEqual([...store.linkedJobIds(['job-1'])], [], 'expired at exactly its lifetime');
    assert.ok(store.reserve('WO-1', 'job-1'));
  });

  test('reservationTtlMs: an integer from 100 ms to 24 h, else a TypeError at creation', () => {
    for (const ttl of [100, 24 * 3_600_000, undefined]) createMemoryLinkStore([], { reservationTtlMs: ttl });
    for (const ttl of [99, 24 * 3_600_000 + 1, 1000.5, Number.NaN, '60000']) {
      assert.throws(() => createMemoryLinkStore([], { reservationTtlMs: ttl }), {
        name: 'TypeError',
        message: `reservationTtlMs must be an integer from 100 ms to 24 h, got ${String(ttl)}`,
      });
    }
  });
});
