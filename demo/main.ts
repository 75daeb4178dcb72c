/**
 * Fieldline Dispatch: a small FSM work-order board that uses both tiers the way a host app
 * would: <xoi-share-button> (Foundational) and <xoi-job-link> (XOi Cloud, through this dev
 * server's createXoiRoutes; demo/cloud-tier.ts). Once a work order is linked, its report shows
 * the MobileTech-style XOi notes; the transcript note fills in when XOi's change notification
 * arrives (pushed to the page as a server-sent event). Everything is built with DOM APIs (no innerHTML with data, no inline script), so the
 * page runs under the strict CSP in index.html.
 *
 * By default the elements post to the mock XOi Vision on this dev server (vite.config.ts).
 * `?base-url=` (empty) targets the real XOi Vision; `?partner-id=` sets your partner id.
 */
import '../src/define.ts';
import '../src/job-link.ts';
import type { XoiShareButton } from '../src/index.ts';
import type { WorkOrderLink, XoiJobLink } from '../src/job-link.ts';
import type { AppointmentNotes } from '../src/server/notes.ts';
import { ORDERS, type WorkOrder } from './orders.ts';
import { initSettings, type Settings } from './settings.ts';
import { STRINGS, type Strings } from './strings.ts';

const params = new URLSearchParams(location.search);
const PARTNER_ID = params.get('partner-id') || 'demo-fsm';
/** null: no base-url attribute, i.e. the element's default, the real XOi Vision. */
const BASE_URL: string | null = params.has('base-url') ? params.get('base-url') || null : location.origin;
const USING_MOCK = BASE_URL === location.origin;

const $ = <T extends Element = HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing from index.html`);
  return el;
};

type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

const app = $('#app');
const ordersList = $('#orders');
const invoice = $('#invoice');
const eventLog = $('#event-log');

let t: Strings = STRINGS.en;
let settings: Settings = { lang: 'en', theme: 'auto' };
let selected = ORDERS[0].serviceTicket;
/** Confirmed share links by work order, as the FSM back office would store them. */
const links = new Map<string, string>();
const buttons = new Map<string, XoiShareButton>();
/** The XOi Cloud tier: each work order's final link, and its XOi notes as the server last built them. */
const cloudLinks = new Map<string, WorkOrderLink>();
const cloudNotes = new Map<string, AppointmentNotes | null>();
const jobLinks = new Map<string, XoiJobLink>();

function orderOf(ticket: string): WorkOrder {
  return ORDERS.find((o) => o.serviceTicket === ticket) ?? ORDERS[0];
}

// ── the board ──────────────────────────────────────────────────────────────────────────────
function createButton(order: WorkOrder): XoiShareButton {
  const el = document.createElement('xoi-share-button');
  // Attributes, exactly as a host page would write them in HTML.
  el.setAttribute('partner-id', PARTNER_ID);
  el.setAttribute('service-ticket', order.serviceTicket);
  el.setAttribute('customer', order.customer);
  el.setAttribute('location', order.location);
  el.setAttribute('tags', JSON.stringify(order.tags));
  if (BASE_URL) el.setAttribute('base-url', BASE_URL);
  el.setAttribute('name', 'xoiShareLink');
  return el;
}

/** "WO-10432" → filter "10432": what the technician typed into the XOi job's label. */
function createJobLink(order: WorkOrder): XoiJobLink {
  const el = document.createElement('xoi-job-link');
  el.setAttribute('endpoint', '/xoi');
  el.setAttribute('work-order', order.serviceTicket);
  el.setAttribute('filter', order.serviceTicket.replace(/^WO-/, ''));
  return el;
}

function renderBoard(): void {
  ordersList.replaceChildren(
    ...ORDERS.map((order) => {
      const button = createButton(order);
      buttons.set(order.serviceTicket, button);
      const jobLink = createJobLink(order);
      jobLinks.set(order.serviceTicket, jobLink);
      const view = h('button', { type: 'button', class: 'ghost small view-report' });
      view.addEventListener('click', () => select(order.serviceTicket));
      const card = h(
        'li',
        { class: 'order', 'data-ticket': order.serviceTicket, 'data-priority': order.priority },
        h(
          'article',
          { 'aria-labelledby': `customer-${order.serviceTicket}` },
          h(
            'div',
            { class: 'order-head' },
            h('span', { class: 'ticket' }, order.serviceTicket),
            h('span', { class: 'badge status', 'data-state': 'idle' }),
            h('span', { class: `prio prio-${order.priority}` }),
          ),
          h('h2', { class: 'customer', id: `customer-${order.serviceTicket}` }, order.customer),
          h('p', { class: 'address' }, order.location),
          h(
            'dl',
            { class: 'meta' },
            h('div', {}, h('dt', { 'data-i18n': 'technician' }), h('dd', {}, order.technician)),
            h('div', {}, h('dt', { 'data-i18n': 'window' }), h('dd', {}, order.window)),
          ),
          h('ul', { class: 'tags', 'aria-label': 'Tags' }, ...order.tags.map((tag) => h('li', {}, tag))),
          h('p', { class: 'tier-label', 'data-i18n': 'foundationalTier' }),
          h('div', { class: 'actions' }, button, view),
          h('div', { class: 'cloud-tier' }, h('p', { class: 'tier-label', 'data-i18n': 'cloudTier' }), jobLink),
        ),
      );
      // Clicking the card (outside its controls) opens its report.
      card.addEventListener('click', (event) => {
        const target = event.target as Element;
        if (!target.closest('button, a, xoi-share-button, xoi-job-link')) select(order.serviceTicket);
      });
      return card;
    }),
  );
  new MutationObserver(updateStatuses).observe(ordersList, {
    attributes: true,
    attributeFilter: ['state'],
    subtree: true,
  });
}

function updateStatuses(): void {
  let linked = 0;
  for (const card of ordersList.querySelectorAll<HTMLElement>('.order')) {
    const ticket = card.dataset.ticket!;
    // Linked through either tier.
    const state = cloudLinks.has(ticket)
      ? 'linked'
      : ((buttons.get(ticket)?.getAttribute('state') ?? 'idle') as keyof Strings['status']);
    if (state === 'linked') linked += 1;
    const badge = card.querySelector<HTMLElement>('.status')!;
    badge.dataset.state = state;
    badge.textContent = t.status[state];
    card.querySelector('.prio')!.textContent = t.priority[orderOf(ticket).priority];
    card.querySelector('.view-report')!.textContent = t.viewReport;
    card.classList.toggle('selected', ticket === selected);
    if (ticket === selected) card.setAttribute('aria-current', 'true');
    else card.removeAttribute('aria-current');
  }
  $('#board-summary').textContent = t.summary(ORDERS.length, linked);
}

// ── the report / invoice for the selected order ──────────────────────────────────────────────
function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(settings.lang, { style: 'currency', currency }).format(amount);
}

function renderInvoice(): void {
  const order = orderOf(selected);
  // The XOi Cloud tier's link is XOi's own public share: it wins over the Foundational one.
  const link = cloudLinks.get(order.serviceTicket)?.shareLink ?? links.get(order.serviceTicket);
  const total = order.lines.reduce((sum, l) => sum + l.qty * l.unit, 0);
  // As in the Jonas integration: the public share link goes into the report's Problem area.
  const shareLine = h(
    'p',
    { class: 'share-line', id: 'invoice-share', 'data-linked': link ? 'true' : 'false' },
    h('strong', {}, t.shareLink),
    ' ',
    link
      ? h('a', { href: link, target: '_blank', rel: 'noopener', id: 'invoice-link' }, link)
      : h('span', { class: 'muted' }, t.notLinked),
  );
  invoice.dataset.ticket = order.serviceTicket;
  invoice.replaceChildren(
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'invoice-title' }, `${t.reportTitle} · ${order.serviceTicket}`),
      h(
        'span',
        { class: 'badge status', 'data-state': link ? 'linked' : 'idle' },
        link ? t.status.linked : t.status.idle,
      ),
    ),
    h(
      'dl',
      { class: 'bill' },
      h('div', {}, h('dt', {}, t.billTo), h('dd', { id: 'invoice-customer' }, order.customer)),
      h('div', {}, h('dt', {}, t.site), h('dd', {}, order.location)),
      h('div', {}, h('dt', {}, t.technician), h('dd', {}, `${order.technician} · ${order.window}`)),
    ),
    h(
      'section',
      { class: 'problem', 'aria-labelledby': 'problem-title' },
      h('h3', { id: 'problem-title' }, t.problem),
      h('p', {}, order.problem),
      shareLine,
    ),
    ...[renderNotes(order)].filter((node) => node !== null),
    h(
      'table',
      { class: 'lines' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.description),
          h('th', { scope: 'col' }, t.qty),
          h('th', { scope: 'col' }, t.amount),
        ),
      ),
      h(
        'tbody',
        {},
        ...order.lines.map((l) =>
          h(
            'tr',
            {},
            h('td', {}, l.description),
            h('td', {}, String(l.qty)),
            h('td', {}, money(l.qty * l.unit, order.currency)),
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h('tr', {}, h('th', { scope: 'row', colspan: '2' }, t.total), h('td', {}, money(total, order.currency))),
      ),
    ),
  );
}

/** The XOi notes of a linked work order, as MobileTech shows them on the appointment. */
function renderNotes(order: WorkOrder): Node | null {
  const ticket = order.serviceTicket;
  if (!cloudLinks.has(ticket)) return null;
  const notes = cloudNotes.get(ticket);
  const body: Node[] = [];
  if (notes === undefined) body.push(h('p', { class: 'muted' }, t.notesLoading));
  else if (notes) {
    const items = notes.notes.map((note) =>
      h(
        'li',
        { class: 'note', 'data-title': note.title },
        h(
          'div',
          { class: 'note-head' },
          h('strong', {}, note.title),
          h('span', { class: 'note-kind' }, note.onSummaryReport ? t.onReport : t.internal),
        ),
        note.url && /^https?:/.test(note.url)
          ? h('a', { href: note.url, target: '_blank', rel: 'noopener', class: 'note-text' }, note.url)
          : h(note.url ? 'code' : 'p', { class: 'note-text' }, note.text),
      ),
    );
    if (notes.transcriptsPending) {
      const simulate = h('button', { type: 'button', class: 'ghost small', id: 'simulate-transcript' }, t.simulate);
      simulate.addEventListener('click', () => void simulateTranscript(ticket, simulate));
      items.push(
        h(
          'li',
          { class: 'note pending', 'data-title': 'XOi Transcript' },
          h(
            'div',
            { class: 'note-head' },
            h('strong', {}, 'XOi Transcript'),
            h('span', { class: 'note-kind' }, t.internal),
          ),
          h('p', { class: 'note-text muted' }, t.transcriptPending),
          simulate,
        ),
      );
    }
    body.push(h('ol', { class: 'notes', id: 'xoi-notes' }, ...items));
  }
  return h(
    'section',
    { class: 'xoi-notes', 'aria-labelledby': 'notes-title', 'aria-live': 'polite' },
    h('h3', { id: 'notes-title' }, t.notesTitle),
    h('p', { class: 'muted small' }, t.notesHint),
    ...body,
  );
}

async function loadNotes(ticket: string): Promise<void> {
  try {
    const response = await fetch(`/demo-api/work-orders/${encodeURIComponent(ticket)}/notes`);
    const { notes } = (await response.json()) as { notes: AppointmentNotes | null };
    cloudNotes.set(ticket, notes);
  } catch {
    cloudNotes.set(ticket, null);
  }
  if (ticket === selected) renderInvoice();
}

/** Tells the mock XOi Cloud to finish the video transcript; XOi then notifies this server. */
async function simulateTranscript(ticket: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  await fetch(`/demo-api/work-orders/${encodeURIComponent(ticket)}/simulate-transcript`, { method: 'POST' }).catch(
    () => undefined,
  );
}

function select(ticket: string): void {
  selected = ticket;
  renderInvoice();
  updateStatuses();
}

// ── the event log ───────────────────────────────────────────────────────────────────────────
const MAX_EVENTS = 50;

function logEvent(type: string, detail: object, ticket: string): void {
  eventLog.querySelector('.empty')?.remove();
  const time = new Date();
  const entry = h(
    'li',
    { class: 'event', 'data-type': type },
    h(
      'div',
      { class: 'event-head' },
      h('code', { class: 'event-name' }, type),
      h('span', { class: 'event-ticket' }, ticket),
      h('time', { datetime: time.toISOString() }, time.toLocaleTimeString(settings.lang)),
    ),
    h('pre', { class: 'event-detail' }, JSON.stringify(detail, null, 2)),
  );
  eventLog.prepend(entry);
  while (eventLog.children.length > MAX_EVENTS) eventLog.lastElementChild!.remove();
}

function renderEmptyLog(): void {
  if (eventLog.children.length === 0) eventLog.append(h('li', { class: 'empty muted' }, t.logEmpty));
  else eventLog.querySelector('.empty')?.replaceChildren(t.logEmpty);
}

function ticketOf(event: Event): string {
  return (event.target instanceof Element && event.target.closest('.order')?.getAttribute('data-ticket')) || '';
}

// The events bubble and are composed: one listener on the board sees every element's.
ordersList.addEventListener('xoi-share-open', (e) => {
  logEvent(e.type, e.detail, e.detail.serviceTicket);
  select(e.detail.serviceTicket);
});
ordersList.addEventListener('xoi-share-link', (e) => {
  logEvent(e.type, e.detail, e.detail.serviceTicket);
  links.set(e.detail.serviceTicket, e.detail.shareLink);
  select(e.detail.serviceTicket);
});
ordersList.addEventListener('xoi-share-incomplete', (e) => {
  logEvent(e.type, e.detail, e.detail.serviceTicket);
  select(e.detail.serviceTicket);
});
ordersList.addEventListener('xoi-share-error', (e) => logEvent(e.type, e.detail, ticketOf(e)));
ordersList.addEventListener('xoi-job-link-linked', (e) => {
  logEvent(e.type, e.detail, e.detail.workOrderId);
  const { existing: _, ...link } = e.detail;
  cloudLinks.set(e.detail.workOrderId, link);
  void loadNotes(e.detail.workOrderId);
  // A link found on load does not move the selection; one the technician just made does.
  if (!e.detail.existing) select(e.detail.workOrderId);
  else {
    if (e.detail.workOrderId === selected) renderInvoice();
    updateStatuses();
  }
});
ordersList.addEventListener('xoi-job-link-error', (e) => logEvent(e.type, e.detail, ticketOf(e)));

// XOi's change notifications reach the server (demo/cloud-tier.ts), which rebuilds the notes and
// tells the page: the transcript note appears when XOi says it is ready.
const serverEvents = new EventSource('/demo-api/events');
serverEvents.addEventListener('notes', (message) => {
  const detail = JSON.parse((message as MessageEvent<string>).data) as { workOrderId: string; type: string };
  logEvent(`XOi notification: ${detail.type}`, detail, detail.workOrderId);
  void loadNotes(detail.workOrderId);
});

// ── page chrome ─────────────────────────────────────────────────────────────────────────────
function translatePage(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = t[el.dataset.i18n as keyof Strings];
    if (typeof value === 'string') el.textContent = value;
  }
}

function renderMockNote(): void {
  $('#mock-origin').textContent = BASE_URL ?? 'https://vision.xoeye.io';
  $('#mock-note').dataset.mock = String(USING_MOCK);
  $('#real-snippet').textContent = [
    '<xoi-share-button',
    '  partner-id="YOUR-PARTNER-ID"',
    '  service-ticket="WO-10432"',
    '  customer="Café Nuñez"',
    '  location="12 Rue de la Paix, Montréal, QC H2X 1Y4"',
    `  tags='["rooftop","RTU-3"]'`,
    '></xoi-share-button>',
  ].join('\n');
}

$('#clear-log').addEventListener('click', () => {
  eventLog.replaceChildren();
  renderEmptyLog();
});

async function resetDemo(): Promise<void> {
  for (const button of buttons.values()) button.reset();
  links.clear();
  await fetch('/demo-api/reset', { method: 'POST' }).catch(() => undefined);
  cloudLinks.clear();
  cloudNotes.clear();
  for (const jobLink of jobLinks.values()) jobLink.reload();
  eventLog.replaceChildren();
  renderEmptyLog();
  if (USING_MOCK) await fetch('/__xoi-mock/requests', { method: 'DELETE' }).catch(() => undefined);
  select(ORDERS[0].serviceTicket);
}
$('#reset-demo').addEventListener('click', () => void resetDemo());

renderBoard();
renderMockNote();
settings = initSettings({
  container: app,
  langSelect: $<HTMLSelectElement>('#lang-select'),
  themeSelect: $<HTMLSelectElement>('#theme-select'),
  onChange(next) {
    settings = next;
    t = STRINGS[next.lang];
    translatePage();
    renderEmptyLog();
    renderInvoice();
    updateStatuses();
  },
});

// Links confirmed before a reload: the element remembers its activity; the FSM reads `value`.
await customElements.whenDefined('xoi-share-button');
await Promise.all([...buttons.values()].map((b) => b.updateComplete));
// Each <xoi-job-link> reads its work order's link once; a linked one reports it as an event.
const unsettled = ['idle', 'loading'];
const deadline = Date.now() + 5000;
while ([...jobLinks.values()].some((el) => unsettled.includes(el.state)) && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 25));
}
for (const [ticket, button] of buttons) if (button.value) links.set(ticket, button.value);
renderInvoice();
updateStatuses();
document.documentElement.dataset.ready = 'true';
