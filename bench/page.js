/**
 * Runs inside the benchmark page (served by scripts/bench.mjs). Each function builds `n` work
 * orders into a fresh container, times them, and removes them again. Three kinds: `element`
 * (<xoi-share-button>), `floor` (bench/share-floor.js: the same shadow tree in a bare
 * LitElement) and `form` (what a host would write by hand).
 *
 * Phases, all from one performance.now() taken before the first createElement:
 *   create  createElement + setAttribute + append for all n, container appended to <body>
 *           (for the element: constructors, attributeChangedCallback, connectedCallback)
 *   render  until every element's `updateComplete` resolved (Lit's first render; 0 for forms)
 *   layout  `document.body.offsetHeight`: forced style recalc + layout of everything
 *   frame   then one requestAnimationFrame + setTimeout(0): the frame has been painted
 * `toLayout` = create + render + layout is the headline figure; `toFrame` adds the paint.
 */
const PARTNER = 'acme-fsm';
const BASE = 'https://vision.example.com';

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function order(run, i) {
  return {
    ticket: `WO-${run}-${String(i).padStart(5, '0')}`,
    customer: `Customer ${i} (${run})`,
    location: `${100 + i} Main Street, Springfield ${run}`,
  };
}

function shareId() {
  // nanoid-like, 21 url-safe chars, so the forms carry what the element would post.
  const a = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';
  let id = '';
  for (const b of crypto.getRandomValues(new Uint8Array(21))) id += a[b & 63];
  return id;
}

function element(o, tag = 'xoi-share-button') {
  const el = document.createElement(tag);
  el.setAttribute('partner-id', PARTNER);
  el.setAttribute('service-ticket', o.ticket);
  el.setAttribute('customer', o.customer);
  el.setAttribute('location', o.location);
  el.setAttribute('base-url', BASE);
  return el;
}

/**
 * The per-item floor (bench/share-floor.js): the idle element's shadow tree and style sheet in
 * a bare LitElement, given the same attributes (it observes none of them).
 */
const floor = (o) => element(o, 'xoi-share-floor');

/** What a host would write without the element: the same POST, as a plain form. */
function form(o) {
  const f = document.createElement('form');
  f.method = 'post';
  f.action = `${BASE}/partners/${PARTNER}/share`;
  f.enctype = 'application/x-www-form-urlencoded';
  f.acceptCharset = 'UTF-8';
  f.target = '_blank';
  for (const [name, value] of [
    ['shareId', shareId()],
    ['serviceTicket', o.ticket],
    ['customer', o.customer],
    ['location', o.location],
  ]) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    f.append(input);
  }
  const button = document.createElement('button');
  button.className = 'xoi';
  button.textContent = 'Document in XOi';
  f.append(button);
  return f;
}

const MAKERS = { element, floor, form };
const isLit = (kind) => kind !== 'form';

async function measure(kind, n, run) {
  await nextFrame();
  const make = MAKERS[kind];
  const t0 = performance.now();
  const box = document.createElement('div');
  box.className = 'board';
  const made = [];
  for (let i = 0; i < n; i++) {
    const node = make(order(run, i));
    box.append(node);
    made.push(node);
  }
  document.body.append(box);
  const t1 = performance.now();
  if (isLit(kind)) await Promise.all(made.map((el) => el.updateComplete));
  const t2 = performance.now();
  void document.body.offsetHeight;
  const t3 = performance.now();
  await nextFrame();
  const t4 = performance.now();
  const rendered = isLit(kind) ? made.filter((el) => el.shadowRoot?.querySelector('button')).length : n;
  box.remove();
  return {
    kind,
    n,
    run,
    create: t1 - t0,
    render: t2 - t1,
    layout: t3 - t2,
    toLayout: t3 - t0,
    toFrame: t4 - t0,
    rendered,
  };
}

globalThis.bench = {
  measure,
  /** Between runs, so one run's garbage is not collected during the next (`--expose-gc`). */
  gc: () => globalThis.gc?.(),
  /** Builds n elements, floors or forms and keeps them (heap measurement). */
  async keep(kind, n) {
    const box = document.createElement('div');
    box.className = 'board';
    const made = [];
    for (let i = 0; i < n; i++) made.push(box.appendChild(MAKERS[kind](order('heap', i))));
    document.body.append(box);
    if (isLit(kind)) await Promise.all(made.map((el) => el.updateComplete));
    void document.body.offsetHeight;
    await nextFrame();
    globalThis.kept = made;
    return made.length;
  },
  /**
   * Two idle instances of `kind` (element or floor): the first one's shadow tree (Lit's marker
   * numbers blanked), its adopted style sheets' text, and whether the second adopted the same
   * sheet objects, so the bench can check that the floor shows what the element shows.
   */
  async shadow(kind) {
    const [a, b] = [0, 1].map((i) => document.body.appendChild(MAKERS[kind](order('shadow', i))));
    await Promise.all([a.updateComplete, b.updateComplete]);
    const sheets = a.shadowRoot.adoptedStyleSheets;
    const result = {
      html: a.shadowRoot.innerHTML.replace(/lit\$\d+\$/g, 'lit$'),
      css: sheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n')),
      shared: sheets.length > 0 && sheets.every((sheet, i) => b.shadowRoot.adoptedStyleSheets[i] === sheet),
    };
    a.remove();
    b.remove();
    return result;
  },
  /**
   * Lit updates per idle instance of `kind` (element or floor) until it settles: `n` of them
   * built as `measure` builds them, counted through the class's `update` (in its own tab, so
   * the wrapper never slows a timed run).
   */
  async updates(kind, n) {
    const proto = customElements.get(kind === 'floor' ? 'xoi-share-floor' : 'xoi-share-button').prototype;
    let count = 0;
    const update = proto.update;
    proto.update = function (changed) {
      count++;
      return update.call(this, changed);
    };
    const box = document.createElement('div');
    const made = [];
    for (let i = 0; i < n; i++) made.push(box.appendChild(MAKERS[kind](order('updates', i))));
    document.body.append(box);
    await Promise.all(made.map((el) => el.updateComplete));
    for (let i = 0; i < 3; i++) await nextFrame();
    await Promise.all(made.map((el) => el.updateComplete));
    proto.update = update;
    box.remove();
    return count / n;
  },
  /**
   * What an idle element's storage costs: `n` localStorage reads that miss (every element reads
   * its work order's key once, on its first render), on a page whose storage also holds 300
   * entries of other scripts. Returns ms; the caller takes a median.
   */
  storageReads(n) {
    for (let i = 0; i < 300; i++) localStorage.setItem(`other-app:${i}`, 'x'.repeat(200));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) localStorage.getItem(`xoi-share-button:v1:${PARTNER}:WO-miss-${i}`);
    const t = performance.now() - t0;
    localStorage.clear();
    return t;
  },
  /** Adds the module script after the elements are in the page and sums layout shifts. */
  async lateScript(src) {
    const shifts = [];
    await nextFrame();
    const since = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput && e.startTime >= since) shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
    const script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    document.head.append(script);
    await customElements.whenDefined('xoi-share-button');
    const els = [...document.querySelectorAll('xoi-share-button')];
    await Promise.all(els.map((el) => el.updateComplete));
    for (let i = 0; i < 5; i++) await nextFrame();
    await new Promise((r) => setTimeout(r, 300));
    return {
      elements: els.length,
      rendered: els.filter((el) => el.shadowRoot?.querySelector('button')).length,
      shifts: shifts.length,
      cls: shifts.reduce((a, b) => a + b, 0),
    };
  },
};
