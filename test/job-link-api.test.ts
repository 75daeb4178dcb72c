// src/job-link/api.ts and src/contract/mapping.ts alone: the URLs <xoi-job-link> asks for, and what it accepts from an
// answer before putting it on screen (links in an `href` must be http(s)).
import { expect } from '@open-wc/testing';
import { routeUrl } from '../src/job-link/api.js';
import { httpUrl, workOrderLinkOf } from '../src/contract/mapping.js';

const base = 'https://fsm.example/app/orders/1';
const link = {
  workOrderId: 'WO-1',
  jobId: 'job-1',
  label: 'WO-1 - ABC Corp',
  shareLink: 'https://share.xoi.io/s/1',
  deepLinks: {
    visionWeb: { viewJob: 'https://web.xoi.io/jobs/1' },
    visionMobile: { editJob: 'xoi-vision://my-work/edit?x' },
  },
  linkedAt: '2026-01-01T00:00:00.000Z',
  linkedBy: 'a@b.co',
};

describe('job-link-api', () => {
  it('routeUrl: endpoint relative to the page, id percent-encoded, label as a query', () => {
    expect(routeUrl('/xoi', 'WO/1 ä', 'jobs', base, '10432 - ABC')!.href).to.equal(
      'https://fsm.example/xoi/work-orders/WO%2F1%20%C3%A4/jobs?label=10432+-+ABC',
    );
    expect(routeUrl('/xoi/', 'WO-1', 'link', base)!.href).to.equal('https://fsm.example/xoi/work-orders/WO-1/link');
    expect(routeUrl('api/xoi', 'WO-1', 'link', base)!.href).to.equal(
      'https://fsm.example/app/orders/api/xoi/work-orders/WO-1/link',
    );
    expect(routeUrl('https://api.fsm.example/xoi', 'WO-1', 'link', base)!.origin).to.equal('https://api.fsm.example');
  });

  it('routeUrl: the next page of the list with its cursor, after the label', () => {
    expect(routeUrl('/xoi', 'WO-1', 'jobs', base, 'café 10', 'WzE3NDE1OTM2MDAwMDAsImEiXQ')!.search).to.equal(
      '?label=caf%C3%A9+10&cursor=WzE3NDE1OTM2MDAwMDAsImEiXQ',
    );
    expect(routeUrl('/xoi', 'WO-1', 'jobs', base, '', 'abc')!.search).to.equal('?cursor=abc');
  });

  it('routeUrl: a work order id with a lone surrogate is made well-formed (U+FFFD), not refused', () => {
    expect(routeUrl('/xoi', 'WO-\uD800', 'link', base)!.href).to.equal(
      'https://fsm.example/xoi/work-orders/WO-%EF%BF%BD/link',
    );
    expect(routeUrl('/xoi', '\uD83D\uDE00\uDE00', 'link', base)!.pathname).to.equal(
      '/xoi/work-orders/%F0%9F%98%80%EF%BF%BD/link',
    );
  });

  it('routeUrl: refuses what is not an http(s) endpoint without query or fragment', () => {
    for (const endpoint of [
      '',
      '  ',
      'javascript:alert(1)//',
      'data:text/plain,x',
      '/xoi?x=1',
      '/xoi#a',
      'ftp://h/x',
    ]) {
      expect(routeUrl(endpoint, 'WO-1', 'link', base), endpoint).to.equal(null);
    }
  });

  it('workOrderLinkOf: keeps a well-formed link; refuses a share link that is not http(s)', () => {
    expect(workOrderLinkOf(link)).to.deep.equal(link);
    expect(workOrderLinkOf({ ...link, shareLink: 'javascript:alert(1)' })).to.equal(null);
    expect(workOrderLinkOf({ ...link, jobId: '' })).to.equal(null);
    expect(workOrderLinkOf('nope')).to.equal(null);
    expect(workOrderLinkOf({ ...link, deepLinks: { visionWeb: { viewJob: 42 } } })!.deepLinks).to.deep.equal({});
  });

  it('httpUrl: only absolute http(s) URLs', () => {
    expect(httpUrl('https://x.example/a')).to.equal('https://x.example/a');
    expect(httpUrl('http://localhost:1/a')).to.equal('http://localhost:1/a');
    for (const value of ['javascript:alert(1)', 'xoi-vision://activity/view', '/relative', 42, null]) {
      expect(httpUrl(value), String(value)).to.equal(null);
    }
  });
});
