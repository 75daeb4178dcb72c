/**
 * The demo back office's page (served by appointments.ts): schedule an appointment for a
 * technician, watch its XOi job and notes arrive by themselves, make XOi finish the transcript.
 * A small script draws the list from /demo-api/appointments, again on each `appointment` event
 * (a delivery of notes) and every second while an appointment is still waiting for XOi.
 */
const esc = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root { font: 15px/1.45 system-ui, sans-serif; color: #1b1f24; background: #f6f8fa; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
h1 { margin: 0; font-size: 1.5rem; }
form.schedule { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
label { display: grid; gap: .2rem; font-size: .85rem; color: #57606a; }
input, select, button { font: inherit; padding: .35rem .6rem; border: 1px solid #8c959f; border-radius: 6px; }
button { background: #0969da; color: #fff; border-color: #0969da; cursor: pointer; }
button.secondary { background: #fff; color: #0969da; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
th, td { text-align: left; vertical-align: top; padding: .5rem .6rem; border-bottom: 1px solid #d8dee4; overflow-wrap: anywhere; }
th { background: #f6f8fa; font-size: .85rem; }
.state { font-weight: 600; }
.state[data-state="synced"] { color: #1a7f37; }
.state[data-state="technician-not-in-xoi"], .state[data-state="failed"] { color: #cf222e; }
.reason { display: block; font-weight: 400; color: #cf222e; max-width: 22rem; white-space: normal; }
ul.notes { margin: 0; padding: 0; list-style: none; display: grid; gap: .3rem; }
ul.notes li { border-left: 3px solid #0969da; padding-left: .5rem; }
ul.notes li[data-title^="XOi Transcript"] { border-color: #8250df; }
ul.notes b { display: block; font-size: .85rem; }
ul.notes span { white-space: pre-line; font-size: .85rem; color: #57606a; overflow-wrap: anywhere; }
code { font-size: .85em; }
`;

const SCRIPT = `
const rows = document.getElementById('appointments');
const label = { waiting: 'Waiting for XOi', synced: 'Synced to XOi', 'technician-not-in-xoi': 'Technician not in XOi', failed: 'Failed', cancelled: 'Cancelled', 'not-scheduled': 'Not scheduled', 'job-deleted': 'XOi job deleted' };
const text = (tag, value, attrs = {}) => { const el = document.createElement(tag); el.textContent = value; Object.assign(el, attrs); return el; };
let timer;
async function draw() {
  const { appointments } = await (await fetch('/demo-api/appointments')).json();
  rows.replaceChildren(...appointments.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.appointment = a.id;
    const state = a.sync ? a.sync.state : 'waiting';
    const stateCell = text('td', label[state] ?? state, { className: 'state' });
    stateCell.dataset.state = state;
    if (a.sync && a.sync.reason && state !== 'synced') stateCell.append(text('span', a.sync.reason, { className: 'reason' }));
    const notes = document.createElement('ul');
    notes.className = 'notes';
    for (const n of a.notes) {
      const li = document.createElement('li');
      li.dataset.title = n.title;
      li.append(text('b', n.title), text('span', n.text));
      notes.append(li);
    }
    const action = document.createElement('td');
    if (a.sync && a.sync.jobId) {
      const b = text('button', 'XOi finishes the transcript', { className: 'secondary finish-transcript', type: 'button' });
      b.onclick = async () => { b.disabled = true; await fetch('/demo-api/appointments/' + encodeURIComponent(a.id) + '/finish-transcript', { method: 'POST' }); };
      action.append(b);
    }
    const who = text('td', a.technicianEmail);
    tr.append(text('td', a.id), text('td', a.workOrderNumber + ' – ' + a.customerName), who, stateCell,
      text('td', a.sync && a.sync.jobId ? a.sync.jobId : '—', { className: 'job' }), Object.assign(document.createElement('td'), { className: 'notes-cell' }), action);
    tr.querySelector('.notes-cell').append(notes);
    return tr;
  }));
  clearTimeout(timer);
  if (appointments.some((a) => !a.sync || a.sync.state === 'waiting')) timer = setTimeout(draw, 1000);
  document.documentElement.dataset.ready = 'true';
}
document.getElementById('schedule').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const res = await fetch('/demo-api/appointments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(form)) });
  document.getElementById('problem').textContent = res.ok ? '' : (await res.json()).message;
  await draw();
});
new EventSource('/demo-api/events').addEventListener('appointment', () => draw());
draw();
`;

export function renderBackOffice(options: { technician: string; unknownTechnician: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back office: appointments · XOi</title><link rel="icon" href="/demo/favicon.svg" type="image/svg+xml"><style>${STYLE}</style></head>
<body><header><h1>Back office: service appointments</h1>
<nav><a href="/">Technician board</a> · <a href="/xoi/admin/status.html" id="status-link">XOi Integration Setup (status)</a></nav></header>
<p>Schedule an appointment: its XOi job is made automatically, and XOi's notes arrive on the appointment by themselves.</p>
<form class="schedule" id="schedule">
<label>Technician<select name="technicianEmail" id="technician">
<option value="${esc(options.technician)}">${esc(options.technician)} (XOi user)</option>
<option value="${esc(options.unknownTechnician)}">${esc(options.unknownTechnician)} (new hire, not in XOi)</option>
</select></label>
<label>Customer<input name="customerName" id="customer" required value="Panadería Sol"></label>
<label>Location<input name="jobLocation" id="location" required value="Calle Mayor 8, Madrid"></label>
<button type="submit" id="schedule-button">Schedule</button>
<span id="problem" role="alert"></span>
</form>
<table><colgroup><col style="width: 7%"><col style="width: 11%"><col style="width: 15%"><col style="width: 17%"><col style="width: 7%"><col style="width: 32%"><col style="width: 11%"></colgroup><thead><tr><th>Appointment</th><th>Work order</th><th>Technician</th><th>XOi sync</th><th>XOi job</th><th>Notes (from XOi)</th><th></th></tr></thead>
<tbody id="appointments"></tbody></table>
<script type="module">${SCRIPT}</script>
</body></html>`;
}
