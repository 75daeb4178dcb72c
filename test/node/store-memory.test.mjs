// The store contract on the memory stores (one process, for unit tests and demos).
import { createMemoryLinkStore, createMemoryNotificationInbox } from '../../dist/npm/server/index.js';
import { storeContract } from './store-contract.mjs';

storeContract('memory', async (options = {}) => ({
  links: createMemoryLinkStore([], { reservationTtlMs: options.reservationTtlMs }),
  notifications: createMemoryNotificationInbox({ retentionMs: options.notificationRetentionMs }),
}));
