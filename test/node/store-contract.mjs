// The store contract: one suite, run unchanged against every implementation (memory, PGlite,
// PostgreSQL) by store-*.test.mjs. What it asserts is what the routes and the notification
// handler rely on: a link is final, of racing claims exactly one wins, a dead holder's
// reservation expires and is taken over with its progress, a notification is recorded once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const TTL = 400;

export const link = (workOrderId, jobId, extra = {}) => ({
  workOrderId,
  jobId,
  label: `${workOrderId} - Café Nuñez`,
  shareLink: `https://share.xoi.example/s/${encodeURIComponent(jobId)}`,
  deepLinks: { visionWeb: { viewJob: `https://vision.xoi.example/jobs/${encodeURIComponent(jobId)}` } },
  linkedAt: '2026-12-03T10:00:00.000Z',
  linkedBy: 'jane.tech@example.com',
  ...extra,
});

let n = 0;
/** Ids unique to one test, so tests may share a store. */
const ids = () => {
  n += 1;
  const s = `${process.pid}-${Date.now()}-${n}`;
  return { wo: `WO-${s}`, wo2: `WO2-${s}`, job: `job-${s}`, job2: `job2-${s}` };
};

/**
 * `open(options)` resolves to `{ links, notifications, close? }` with `reservationTtlMs` and
 * `notificationRetentionMs` from `options`; stores opened by one test may share state with others.
 */
export function storeContract(label, open) {
  describe(`${label}: links`, () => {
    test('a reservation claims both ids; nothing is linked until the commit, which is final', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, wo2, job, job2 } = ids();
      const r = await links.reserve(wo, job);
      assert.ok(r);
      assert.equal(r.workOrderId, wo);
      assert.equal(r.jobId, job);
      assert.equal(r.progress, null);
      assert.equal(await links.get(wo), null, 'reserved is not linked');
      assert.equal(await links.getByJob(job), null);
      assert.deepEqual([...(await links.linkedJobIds([job, job2]))], [job], 'a reserved job is hidden from lists');
      assert.equal(await links.reserve(wo, job2), null, 'the work order is taken');
      assert.equal(await links.reserve(wo2, job), null, 'the job is taken');

      await links.commit(r, link(wo, job));
      assert.deepEqual(await links.get(wo), link(wo, job));
      assert.deepEqual(await links.getByJob(job), link(wo, job));
      assert.equal(await links.reserve(wo, job2), null);
      assert.equal(await links.reserve(wo2, job), null);
      assert.equal(await links.reserve(wo, job), null, 'not even the same pair again');
      await links.release(r);
      assert.deepEqual(await links.get(wo), link(wo, job), 'release never undoes a link');
      await assert.rejects(async () => links.commit(r, link(wo, job, { label: 'again' })), {
        name: 'ReservationLostError',
      });
      assert.equal((await links.get(wo)).label, link(wo, job).label, 'a second commit changes nothing');
    });

    test('a released reservation frees both ids at once and keeps its progress for the same pair', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, wo2, job } = ids();
      const r = await links.reserve(wo, job);
      const share = { id: 'share-1', shareLink: 'https://share.xoi.example/s/1' };
      assert.equal(await links.saveProgress(r, { share }), true);
      await links.release(r);
      assert.deepEqual([...(await links.linkedJobIds([job]))], [], 'a released job is listed again');
      assert.equal(await links.saveProgress(r, { share }), false, 'the released holder holds nothing');
      const again = await links.reserve(wo, job);
      assert.ok(again);
      assert.notEqual(again.token, r.token);
      assert.deepEqual(again.progress, { share }, 'the share made before is reused, not made twice');
      await links.release(again);
      const other = await links.reserve(wo2, job);
      assert.ok(other, 'another work order may take the released job');
      assert.equal(other.progress, null, "another pair does not inherit this pair's progress");
      await links.release(other);
      const back = await links.reserve(wo, job);
      assert.ok(back);
      assert.equal(back.progress, null, "once another pair took the job, this pair's progress is gone");
    });

    test('a released reservation keeps its progress for its own pair only, not for its work order with another job', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, job, job2 } = ids();
      const r = await links.reserve(wo, job);
      await links.saveProgress(r, { share: { id: 'share-2', shareLink: 'https://share.xoi.example/s/2' } });
      await links.release(r);
      const other = await links.reserve(wo, job2);
      assert.ok(other);
      assert.equal(other.progress, null);
    });

    test('a holder whose released reservation another pair took: it can save nothing, commit nothing, release nothing', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, wo2, job } = ids();
      const dead = await links.reserve(wo, job);
      await links.release(dead);
      const next = await links.reserve(wo2, job);
      assert.ok(next);
      const share = { id: 'share-3', shareLink: 'https://share.xoi.example/s/3' };
      assert.equal(await links.saveProgress(dead, { share }), false);
      await assert.rejects(async () => links.commit(dead, link(wo, job)), { name: 'ReservationLostError' });
      await links.release(dead);
      assert.equal(await links.reserve(wo2, job), null, "the other pair's reservation still holds");
      await links.commit(next, link(wo2, job));
      assert.deepEqual(await links.getByJob(job), link(wo2, job));
      assert.equal(await links.get(wo), null);
    });

    test('an expired reservation (its holder died) is taken over; the old holder can no longer commit', async () => {
      const { links } = await open({ reservationTtlMs: TTL });
      const { wo, job } = ids();
      const dead = await links.reserve(wo, job);
      const share = { id: 'share-x', shareLink: 'https://share.xoi.example/s/x' };
      await links.saveProgress(dead, { share });
      assert.equal(await links.reserve(wo, job), null, 'still held before it expires');
      await sleep(TTL + 300);
      assert.deepEqual([...(await links.linkedJobIds([job]))], [], 'an expired reservation hides nothing');
      const next = await links.reserve(wo, job);
      assert.ok(next, 'taken over after expiry');
      assert.deepEqual(next.progress, { share });
      await assert.rejects(async () => links.commit(dead, link(wo, job)), { name: 'ReservationLostError' });
      assert.equal(await links.saveProgress(dead, { share }), false);
      await links.commit(next, link(wo, job));
      assert.deepEqual(await links.get(wo), link(wo, job));
    });

    test('an expired reservation of another pair gives way on either id', async () => {
      const { links } = await open({ reservationTtlMs: TTL });
      const { wo, wo2, job, job2 } = ids();
      await links.reserve(wo, job);
      await sleep(TTL + 300);
      const byJob = await links.reserve(wo2, job);
      assert.ok(byJob, 'the job, reserved by a dead holder for another work order');
      const byWorkOrder = await links.reserve(wo, job2);
      assert.ok(byWorkOrder, 'the work order, reserved by a dead holder with another job');
      await links.commit(byJob, link(wo2, job));
      await links.commit(byWorkOrder, link(wo, job2));
      assert.equal((await links.get(wo)).jobId, job2);
      assert.equal((await links.getByJob(job)).workOrderId, wo2);
    });

    test('racing reservations: of 10 for one work order, and of 10 for one job, exactly one wins', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, job } = ids();
      const forOrder = await Promise.all(Array.from({ length: 10 }, (_, i) => links.reserve(wo, `${job}-${i}`)));
      assert.equal(forOrder.filter(Boolean).length, 1);
      const forJob = await Promise.all(Array.from({ length: 10 }, (_, i) => links.reserve(`${wo}-${i}`, job)));
      assert.equal(forJob.filter(Boolean).length, 1);
    });

    test('ids with SQL metacharacters, quotes and astral characters are stored as given', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo } = ids();
      const odd = `${wo}'; DROP TABLE links; -- 🧯 "Ωmega" \\ %_`;
      const job = `job-'); DELETE FROM links; --🙂`;
      const r = await links.reserve(odd, job);
      const value = link(odd, job, { label: `${odd} - Müller 𝔘𝔫𝔦𝔠𝔬𝔡𝔢` });
      await links.commit(r, value);
      assert.deepEqual(await links.get(odd), value);
      assert.deepEqual(await links.getByJob(job), value);
      assert.deepEqual([...(await links.linkedJobIds([job, 'x']))], [job]);
    });

    test('a commit must match its reservation: another pair is refused', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, wo2, job, job2 } = ids();
      const r = await links.reserve(wo, job);
      await assert.rejects(async () => links.commit(r, link(wo, job2)), {
        name: 'ReservationLostError',
        message: `the reservation of work order ${wo} and job ${job} is no longer held`,
      });
      await assert.rejects(async () => links.commit(r, link(wo2, job)), { name: 'ReservationLostError' });
      assert.equal(await links.get(wo), null);
      assert.equal(await links.get(wo2), null);
      assert.equal(await links.getByJob(job), null);
    });

    test('a reservation holds its own pair only: the same token with another job id holds nothing', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, job, job2 } = ids();
      const r = await links.reserve(wo, job);
      const forged = { ...r, jobId: job2 };
      assert.equal(await links.saveProgress(forged, { share: { id: 's', shareLink: 'https://s.example/s' } }), false);
      await assert.rejects(async () => links.commit(forged, link(wo, job2)), { name: 'ReservationLostError' });
      assert.equal(await links.get(wo), null);
      assert.equal(await links.getByJob(job2), null);
      await links.commit(r, link(wo, job));
      assert.deepEqual(await links.get(wo), link(wo, job));
    });

    test('ids never seen: no link, nothing hidden', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, job } = ids();
      assert.equal(await links.get(wo), null);
      assert.equal(await links.getByJob(job), null);
      assert.deepEqual([...(await links.linkedJobIds([job]))], []);
      assert.deepEqual([...(await links.linkedJobIds([]))], []);
    });

    test('what is returned is a copy: changing it changes nothing stored', async () => {
      const { links } = await open({ reservationTtlMs: 60_000 });
      const { wo, job } = ids();
      const r = await links.reserve(wo, job);
      const value = link(wo, job);
      await links.commit(r, value);
      value.label = 'changed after commit';
      const read = await links.get(wo);
      read.deepLinks.visionWeb.viewJob = 'changed after read';
      assert.deepEqual(await links.get(wo), link(wo, job));
    });
  });

  describe(`${label}: notification inbox`, () => {
    test('a key is accepted once and queued in the same step; a re-delivery is a duplicate', async () => {
      const { notifications } = await open({ notificationRetentionMs: 60_000 });
      const key = `key-${ids().job}`;
      const queued = [];
      const entry = { key, type: 'job-updated', jobId: 'job-1', event: { type: 'job-updated', jobId: 'job-1' } };
      assert.equal(await notifications.accept(entry, async () => queued.push(1)), 'accepted');
      assert.equal(await notifications.accept(entry, async () => queued.push(2)), 'duplicate');
      assert.deepEqual(queued, [1]);
      const last = await notifications.last();
      assert.equal(last.type, 'job-updated');
      assert.equal(last.jobId, 'job-1');
      assert.ok(Date.parse(last.receivedAt) > Date.now() - 60_000);
    });

    test('five deliveries of one key at once: exactly one is accepted', async () => {
      const { notifications } = await open({ notificationRetentionMs: 60_000 });
      const key = `race-${ids().job}`;
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          notifications.accept({ key, type: 'job-completed', jobId: 'j', event: {} }, async () => {}),
        ),
      );
      assert.deepEqual(results.sort(), ['accepted', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    });

    test('when queueing fails nothing is recorded, so the re-delivery is accepted', async () => {
      const { notifications } = await open({ notificationRetentionMs: 60_000 });
      const key = `fail-${ids().job}`;
      const entry = { key, type: 'job-deleted', jobId: 'j', event: {} };
      await assert.rejects(
        notifications.accept(entry, async () => {
          throw new Error('queue down');
        }),
        /queue down/,
      );
      assert.equal(await notifications.accept(entry, async () => {}), 'accepted');
    });

    test('without a key every delivery is accepted; a key is accepted again after its retention', async () => {
      const { notifications } = await open({ notificationRetentionMs: 1000 });
      const entry = { key: null, type: 'job-updated', jobId: 'j', event: {} };
      assert.equal(await notifications.accept(entry), 'accepted');
      assert.equal(await notifications.accept(entry), 'accepted');
      const keyed = { ...entry, key: `ttl-${ids().job}` };
      assert.equal(await notifications.accept(keyed), 'accepted');
      assert.equal(await notifications.accept(keyed), 'duplicate');
      await sleep(1300);
      assert.equal(await notifications.accept(keyed), 'accepted');
      assert.ok((await notifications.prune()) >= 0);
    });
  });
}
