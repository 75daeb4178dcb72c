import { expect } from '@open-wc/testing';
import {
  DEFAULT_SHARE_LINK_TEMPLATE,
  XoiShareConfigError,
  buildShareLink,
  buildShareRequest,
  createShareId,
  parseAllowedUrl,
  parseTagsAttribute,
  validateShareConfig,
  type ShareConfig,
} from '../src/share-button/share.js';

const config = (over: Partial<ShareConfig> = {}): ShareConfig => ({
  partnerId: 'acme-fsm',
  shareId: 'V1StGXR8_Z5jdHi6B-myT',
  serviceTicket: 'WO-1001',
  customer: 'Zoë & Søn',
  location: '1 Main St',
  ...over,
});

const problemOf = (over: Partial<ShareConfig>) =>
  validateShareConfig(config(over)).map(({ code, field }) => ({ code, field }));

describe('share: validation', () => {
  it('accepts a complete configuration', () => {
    expect(validateShareConfig(config())).to.deep.equal([]);
  });

  for (const field of ['partnerId', 'shareId', 'serviceTicket', 'customer', 'location'] as const) {
    it(`reports a missing or blank ${field}`, () => {
      expect(problemOf({ [field]: undefined })).to.deep.include({ code: 'missing-field', field });
      expect(problemOf({ [field]: '  \n' })).to.deep.include({ code: 'missing-field', field });
    });
  }

  it('reports every problem at once, each naming its field', () => {
    const problems = validateShareConfig({ baseUrl: 'ftp://x' });
    expect(problems.map((p) => p.field)).to.have.members([
      'partnerId',
      'shareId',
      'baseUrl',
      'serviceTicket',
      'customer',
      'location',
    ]);
    for (const p of problems) expect(p.message).to.be.a('string').and.not.empty;
  });

  it('share id: 16–64 characters of A-Z a-z 0-9 _ -', () => {
    expect(problemOf({ shareId: 'a'.repeat(16) })).to.deep.equal([]);
    expect(problemOf({ shareId: 'a'.repeat(64) })).to.deep.equal([]);
    for (const bad of ['a'.repeat(15), 'a'.repeat(65), 'abcdefghijklmnop!', 'abcdefghijklmnöp', 'abcdefgh ijklmnop']) {
      expect(problemOf({ shareId: bad }), bad).to.deep.equal([{ code: 'invalid-field', field: 'shareId' }]);
    }
  });

  it('partner id: visible characters, no spaces, no dot segments', () => {
    expect(problemOf({ partnerId: 'Ä/b?c#d' })).to.deep.equal([]);
    for (const bad of ['a b', '.', '..', 'a\tb', 'x'.repeat(129)]) {
      expect(problemOf({ partnerId: bad }), bad).to.deep.equal([{ code: 'invalid-field', field: 'partnerId' }]);
    }
  });

  it('base url: https anywhere, http only on loopback, no credentials, query or fragment', () => {
    for (const ok of [
      'https://vision.xoeye.io',
      'https://x.test/base/',
      'http://localhost:8000',
      'http://127.0.0.1',
      'http://[::1]:3000',
    ]) {
      expect(problemOf({ baseUrl: ok }), ok).to.deep.equal([]);
    }
    for (const bad of [
      'http://vision.xoeye.io',
      'http://localhost.evil.test',
      'javascript:alert(1)',
      'data:text/html,x',
      '//vision.xoeye.io',
      'vision.xoeye.io',
      'https://user:pw@vision.xoeye.io',
      'https://vision.xoeye.io/?a=1',
      'https://vision.xoeye.io/#x',
      '',
      // The URL parser drops these at the end of a base, not once a path follows it.
      'https://vision.xoeye.io ',
      'https://vision.xoeye.io:443\t',
      'https://vision.xoeye.io\u0001',
      ' https://vision.xoeye.io',
    ]) {
      expect(problemOf({ baseUrl: bad }), JSON.stringify(bad)).to.deep.equal([
        { code: 'invalid-field', field: 'baseUrl' },
      ]);
      expect(() => buildShareRequest(config({ baseUrl: bad })), JSON.stringify(bad)).to.throw(XoiShareConfigError);
      expect(() => buildShareLink(config({ baseUrl: bad })), JSON.stringify(bad)).to.throw(XoiShareConfigError);
    }
  });

  it('a base-url given as a URL object (a host property) is read as its text', () => {
    const baseUrl = new URL('https://vision.example.com/') as unknown as string;
    expect(problemOf({ baseUrl })).to.deep.equal([]);
    expect(buildShareRequest(config({ baseUrl })).action).to.equal(
      'https://vision.example.com/partners/acme-fsm/share',
    );
    expect(buildShareLink(config({ baseUrl }))).to.equal(
      'https://vision.example.com/partners/acme-fsm/share/V1StGXR8_Z5jdHi6B-myT',
    );
  });

  it('the same bad template gives the same message whatever the shareId (one error event, not one per reset)', () => {
    const message = (shareId: string) =>
      validateShareConfig(config({ shareId, shareLinkTemplate: '{baseUrl}/x/{foo}/{shareId}' })).map((p) => p.message);
    expect(message('a'.repeat(21))).to.have.length(1);
    expect(message('a'.repeat(21))).to.deep.equal(message('b'.repeat(21)));
  });

  it('tags must be strings', () => {
    expect(problemOf({ tags: ['a', 1 as unknown as string] })).to.deep.equal([
      { code: 'invalid-field', field: 'tags' },
    ]);
    expect(problemOf({ tags: null as unknown as string[] })).to.deep.equal([{ code: 'invalid-field', field: 'tags' }]);
  });

  it('the URL rule is the one shared by base-url and the link', () => {
    expect(parseAllowedUrl('https://a.test/x')?.href).to.equal('https://a.test/x');
    expect(parseAllowedUrl('http://a.test/x')).to.equal(null);
  });
});

describe('share: the POST', () => {
  it('posts to {baseUrl}/partners/{partnerId}/share with fields in the documented order', () => {
    const request = buildShareRequest(config({ tags: ['roof', 'RTU-3'] }));
    expect(request).to.deep.equal({
      method: 'POST',
      action: 'https://vision.xoeye.io/partners/acme-fsm/share',
      enctype: 'application/x-www-form-urlencoded',
      fields: [
        ['shareId', 'V1StGXR8_Z5jdHi6B-myT'],
        ['serviceTicket', 'WO-1001'],
        ['customer', 'Zoë & Søn'],
        ['location', '1 Main St'],
        ['tags', 'roof'],
        ['tags', 'RTU-3'],
      ],
    });
  });

  it('percent-encodes the partner id in the path and drops trailing slashes of the base', () => {
    const { action } = buildShareRequest(config({ partnerId: 'a/b+c?d#é%', baseUrl: 'https://x.test/root//' }));
    expect(action).to.equal('https://x.test/root/partners/a%2Fb%2Bc%3Fd%23%C3%A9%25/share');
  });

  it('posts values verbatim: no trimming, no rewriting', () => {
    const values = { serviceTicket: '  WO 7  ', customer: 'A&B=C+D%E', location: 'Line 1\nLine 2' };
    const { fields } = buildShareRequest(config(values));
    expect(Object.fromEntries(fields.slice(1, 4))).to.deep.equal(values);
  });

  it('drops blank and repeated tags, keeping first-seen order', () => {
    const { fields } = buildShareRequest(config({ tags: ['b', '', 'a', ' ', 'b', 'a, c'] }));
    expect(fields.filter(([n]) => n === 'tags').map(([, v]) => v)).to.deep.equal(['b', 'a', 'a, c']);
  });

  it('throws XoiShareConfigError listing every problem', () => {
    let error: unknown;
    try {
      buildShareRequest(config({ partnerId: '', location: '' }));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(XoiShareConfigError);
    expect((error as XoiShareConfigError).problems.map((p) => p.field)).to.deep.equal(['partnerId', 'location']);
    expect((error as Error).message)
      .to.contain('partner-id')
      .and.contain('location');
  });
});

describe('share: the link', () => {
  it('defaults to {baseUrl}/partners/{partnerId}/share/{shareId}', () => {
    expect(DEFAULT_SHARE_LINK_TEMPLATE).to.equal('{baseUrl}/partners/{partnerId}/share/{shareId}');
    expect(buildShareLink(config())).to.equal('https://vision.xoeye.io/partners/acme-fsm/share/V1StGXR8_Z5jdHi6B-myT');
  });

  it('percent-encodes placeholders that go into the path', () => {
    expect(buildShareLink(config({ partnerId: 'a&b/é', baseUrl: 'http://localhost:9/x/' }))).to.equal(
      'http://localhost:9/x/partners/a%26b%2F%C3%A9/share/V1StGXR8_Z5jdHi6B-myT',
    );
  });

  it('follows a custom template, placeholders in any order or repeated', () => {
    const link = buildShareLink(
      config({ shareLinkTemplate: 'https://share.xoi.test/{shareId}?p={partnerId}&again={shareId}' }),
    );
    expect(link).to.equal('https://share.xoi.test/V1StGXR8_Z5jdHi6B-myT?p=acme-fsm&again=V1StGXR8_Z5jdHi6B-myT');
  });

  it('never expands a placeholder that arrives inside a value', () => {
    const link = buildShareLink(
      config({ partnerId: '{shareId}', shareLinkTemplate: 'https://x.test/{partnerId}/{shareId}' }),
    );
    expect(link).to.equal('https://x.test/%7BshareId%7D/V1StGXR8_Z5jdHi6B-myT');
  });

  it('refuses unknown placeholders and results that are not https', () => {
    const fields = (template: string) => {
      try {
        buildShareLink(config({ shareLinkTemplate: template }));
        return [];
      } catch (e) {
        return (e as XoiShareConfigError).problems.map((p) => [p.code, p.field]);
      }
    };
    expect(fields('{baseUrl}/s/{ticket}')).to.deep.equal([['invalid-field', 'shareLinkTemplate']]);
    expect(fields('http://evil.test/{shareId}')).to.deep.equal([['invalid-field', 'shareLinkTemplate']]);
    expect(fields('javascript:alert(1)//{shareId}')).to.deep.equal([['invalid-field', 'shareLinkTemplate']]);
    expect(fields('/relative/{shareId}')).to.deep.equal([['invalid-field', 'shareLinkTemplate']]);
    expect(fields('{partnerId}{baseUrl}')).to.deep.equal([['invalid-field', 'shareLinkTemplate']]);
    expect(fields('https://cdn.test/{shareId}')).to.deep.equal([]);
  });
});

describe('share: tags attribute', () => {
  it('reads a JSON array, keeping commas inside items', () => {
    expect(parseTagsAttribute('["a","b, c"," d "]')).to.deep.equal(['a', 'b, c', ' d ']);
  });
  it('reads a comma-separated list, trimming items, dropping blanks and repeats', () => {
    expect(parseTagsAttribute(' a, b ,,a, c ')).to.deep.equal(['a', 'b', 'c']);
  });
  it('treats no attribute as no tags, and malformed JSON as an error (null)', () => {
    expect(parseTagsAttribute(null)).to.deep.equal([]);
    expect(parseTagsAttribute('["a",')).to.equal(null);
    expect(parseTagsAttribute('[1,2]')).to.equal(null);
  });
});

describe('share: createShareId', () => {
  it('makes 21 characters of the URL-safe alphabet, different every time', () => {
    const ids = new Set(Array.from({ length: 2000 }, createShareId));
    expect(ids.size).to.equal(2000);
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9_-]{21}$/);
    // Every one is a valid share-id for the element.
    expect(problemOf({ shareId: [...ids][0] })).to.deep.equal([]);
  });

  it('uses the whole alphabet (not sequential, not hex)', () => {
    const chars = new Set(Array.from({ length: 500 }, createShareId).join(''));
    expect(chars.size).to.equal(64);
  });
});
