// Checks the test infrastructure itself in every engine: the dev server's mock XOi receives a
// real form POST from a page (the way the element submits, but built here, independent of the
// element) and reports the body byte-exact, as test/helpers.ts's postsFor() reads it.
import { expect } from '@open-wc/testing';
import { captureFrame, postsFor, settledPostsFor, submitForm } from './helpers.js';

/** Posts the fields with a hand-built form into a new frame; resolves with the frame once XOi answered. */
async function submitToFrame(action: string, fields: Array<[string, string]>): Promise<HTMLIFrameElement> {
  const capture = captureFrame();
  await submitForm(action, fields, capture);
  return capture.frame;
}

describe('test infrastructure: mock XOi on the dev server', () => {
  it('records a form POST from the page and answers with the activity page', async () => {
    const shareId = `infra${Math.random().toString(36).slice(2)}xxxxxxxxxxxx`.slice(0, 24);
    const fields: Array<[string, string]> = [
      ['shareId', shareId],
      ['serviceTicket', 'WO-1&2=3+4%'],
      ['customer', 'Café Nuñez'],
      ['location', 'Montréal 🏠'],
      ['tags', 'a'],
      ['tags', 'b, c'],
    ];
    const frame = await submitToFrame(`${location.origin}/partners/ACME%20Co/share`, fields);

    const [r, ...more] = await settledPostsFor(shareId);
    expect(more).to.have.length(0);
    expect(r.status).to.equal(200);
    expect(r.partnerId).to.equal('ACME Co');
    expect(r.contentType).to.match(/^application\/x-www-form-urlencoded/);
    expect(r.fields).to.deep.equal(fields);
    expect(r.rawBody).to.equal(new URLSearchParams(fields).toString());
    // Same origin, so the frame's document is readable: the mock's page rendered the ticket.
    expect(frame.contentDocument?.querySelector('h1')?.textContent).to.equal('XOi Vision activity');
    expect(frame.contentDocument?.body.textContent).to.contain('WO-1&2=3+4%');
    frame.remove();
  });

  it('reports a missing field with a 400 page', async () => {
    const shareId = `infra400${Math.random().toString(36).slice(2)}xxxxxxxx`.slice(0, 24);
    const frame = await submitToFrame(`${location.origin}/partners/p/share`, [['shareId', shareId]]);
    const [r] = await postsFor(shareId);
    expect(r.status).to.equal(400);
    expect(frame.contentDocument?.body.textContent).to.contain('serviceTicket');
    frame.remove();
  });
});
