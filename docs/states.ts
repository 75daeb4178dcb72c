/**
 * Every state of the element on a white FSM page and on a dark dispatch board, for
 * docs/states-*.png (`node scripts/state-screenshots.mjs`). Pending and linked come from
 * remembered activities, the way a reload restores them.
 */
import '../src/define.js';

const partnerId = 'demo-fsm';
const now = Date.now();
const remember = (ticket: string, state: 'pending' | 'linked', shareId: string) =>
  localStorage.setItem(
    `xoi-share-button:v1:${partnerId}:${ticket}`,
    JSON.stringify({
      shareId,
      state,
      shareLink: state === 'linked' ? `https://vision.xoeye.io/partners/${partnerId}/share/${shareId}` : '',
      updatedAt: now,
    }),
  );

const boards = document.getElementById('boards')!;
for (const scheme of ['light', 'dark']) {
  const section = document.createElement('section');
  section.className = scheme;
  section.innerHTML = `<h2>${scheme === 'light' ? 'Plain white FSM page' : 'Dark dispatch board'}</h2>`;
  for (const state of ['idle', 'pending', 'linked', 'invalid']) {
    const ticket = `WO-${scheme}-${state}`;
    if (state === 'pending') remember(ticket, 'pending', `Pend${scheme}0123456789abc`);
    if (state === 'linked') remember(ticket, 'linked', `Link${scheme}0123456789abc`);
    const row = document.createElement('div');
    row.className = 'row';
    row.innerHTML = `<span>${state}</span>`;
    const el = document.createElement('xoi-share-button');
    el.setAttribute('partner-id', partnerId);
    el.setAttribute('service-ticket', ticket);
    el.setAttribute('customer', 'Café Nuñez');
    if (state !== 'invalid') el.setAttribute('location', '12 Rue de la Paix, Montréal');
    row.append(el);
    section.append(row);
  }
  boards.append(section);
}
