// The share button's pure core (src/share-button/share.ts) in Node: the configuration's problems
// as a host reads them (xoi-share-error's detail, XoiShareConfigError), the POST XOi receives
// (action and the urlencoded body, byte for byte) and the public share link. The browser suite
// (test/share.test.ts) runs the same rules in three engines; this one is what `npm run mutation`
// measures them with. Pure, so plain node, on the built module.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// Not a public entry: the built module itself.
import {
  DEFAULT_BASE_URL,
  DEFAULT_SHARE_LINK_TEMPLATE,
  SHARE_ID,
  XoiShareConfigError,
  buildShareLink,
  buildShareRequest,
  createShareId,
  fillShareLink,
  normalizeTags,
  parseAllowedUrl,
  parseTagsAttribute,
  shareRequest,
  validateShareConfig,
} from '../../dist/npm/share-button/share.js';

const SHARE = 'V1StGXR8_Z5jdHi6B-myT';
const config = (over = {}) => ({
  partnerId: 'acme-fsm',
  shareId: SHARE,
  serviceTicket: 'WO-1001',
  customer: 'Zoë & Søn',
  location: '1 Main St',
  ...over,
});

/** What the form sends: its fields through the urlencoded serializer forms use. */
const body = (request) => new URLSearchParams(request.fields).toString();
const problemsOf = (over) => validateShareConfig(config(over));
const fieldsOf = (over) => problemsOf(over).map(({ code, field }) => [code, field]);
/** The XoiShareConfigError a builder throws, as the host reads it. */
function thrown(build) {
  try {
    build();
  } catch (error) {
    assert.ok(error instanceof XoiShareConfigError, String(error));
    return { name: error.name, message: error.message, problems: error.problems };
  }
  assert.fail('no XoiShareConfigError');
}

describe('the POST XOi receives', () => {
  test('action, enctype and the fields in the documented order, tags repeated last', () => {
    const request = buildShareRequest(config({ tags: ['roof', 'RTU-3'] }));
    assert.deepEqual(request, {
      method: 'POST',
      action: 'https://vision.xoeye.io/partners/acme-fsm/share',
      enctype: 'application/x-www-form-urlencoded',
      fields: [
        ['shareId', SHARE],
        ['serviceTicket', 'WO-1001'],
        ['customer', 'Zoë & Søn'],
        ['location', '1 Main St'],
        ['tags', 'roof'],
        ['tags', 'RTU-3'],
      ],
    });
    assert.equal(
      body(request),
      `shareId=${SHARE}&serviceTicket=WO-1001&customer=Zo%C3%AB+%26+S%C3%B8n&location=1+Main+St&tags=roof&tags=RTU-3`,
    );
  });

  test('no tags: the four fields only', () => {
    assert.equal(
      body(buildShareRequest(config())),
      `shareId=${SHARE}&serviceTicket=WO-1001&customer=Zo%C3%AB+%26+S%C3%B8n&location=1+Main+St`,
    );
  });

  test('the partner id is one percent-encoded path segment; trailing slashes of the base go', () => {
    const { action } = buildShareRequest(config({ partnerId: 'a/b+c?d#é%', baseUrl: 'https://x.test/root//' }));
    assert.equal(action, 'https://x.test/root/partners/a%2Fb%2Bc%3Fd%23%C3%A9%25/share');
    assert.equal(
      buildShareRequest(config({ baseUrl: 'http://localhost:8000/' })).action,
      'http://localhost:8000/partners/acme-fsm/share',
    );
  });

  test('values are posted verbatim: no trimming, no rewriting', () => {
    const values = { serviceTicket: '  WO 7  ', customer: 'A&B=C+D%E', location: 'Line 1\nLine 2' };
    const request = buildShareRequest(config(values));
    assert.deepEqual(Object.fromEntries(request.fields.slice(1, 4)), values);
    assert.equal(
      body(request),
      `shareId=${SHARE}&serviceTicket=++WO+7++&customer=A%26B%3DC%2BD%25E&location=Line+1%0ALine+2`,
    );
  });

  test('blank and repeated tags are dropped, first-seen order kept, the rest verbatim', () => {
    const { fields } = buildShareRequest(config({ tags: ['b', '', 'a', ' ', 'b', 'a, c', ' a '] }));
    assert.deepEqual(
      fields.filter(([n]) => n === 'tags').map(([, v]) => v),
      ['b', 'a', 'a, c', ' a '],
    );
    assert.deepEqual(normalizeTags(['x', '\n', 'x']), ['x']);
  });

  test('shareRequest (the element, after validating once) builds the same POST without checking', () => {
    const good = config({ tags: ['t'] });
    assert.deepEqual(shareRequest(good), buildShareRequest(good));
    assert.equal(shareRequest(config({ baseUrl: undefined })).action, `${DEFAULT_BASE_URL}/partners/acme-fsm/share`);
  });

  test('a configuration with problems posts nothing: XoiShareConfigError lists every one', () => {
    assert.deepEqual(
      thrown(() => buildShareRequest(config({ partnerId: '', location: '' }))),
      {
        name: 'XoiShareConfigError',
        message: 'partner-id is required. location is required.',
        problems: [
          { code: 'missing-field', field: 'partnerId', message: 'partner-id is required.' },
          { code: 'missing-field', field: 'location', message: 'location is required.' },
        ],
      },
    );
    assert.deepEqual(thrown(() => buildShareRequest(config({ tags: 'a,b' }))).problems, [
      {
        code: 'invalid-field',
        field: 'tags',
        message: 'tags must be a JSON array of strings or a comma-separated list.',
      },
    ]);
  });
});

describe('the share link', () => {
  test('by default {baseUrl}/partners/{partnerId}/share/{shareId}', () => {
    assert.equal(DEFAULT_SHARE_LINK_TEMPLATE, '{baseUrl}/partners/{partnerId}/share/{shareId}');
    assert.equal(buildShareLink(config()), `https://vision.xoeye.io/partners/acme-fsm/share/${SHARE}`);
    assert.equal(fillShareLink(config()), `https://vision.xoeye.io/partners/acme-fsm/share/${SHARE}`);
  });

  test('placeholders going into the path are percent-encoded; the base loses its trailing slashes', () => {
    assert.equal(
      buildShareLink(config({ partnerId: 'a&b/é', baseUrl: 'http://localhost:9/x//' })),
      `http://localhost:9/x/partners/a%26b%2F%C3%A9/share/${SHARE}`,
    );
  });

  test('a custom template: placeholders in any order or repeated', () => {
    assert.equal(
      buildShareLink(config({ shareLinkTemplate: 'https://share.xoi.test/{shareId}?p={partnerId}&again={shareId}' })),
      `https://share.xoi.test/${SHARE}?p=acme-fsm&again=${SHARE}`,
    );
  });

  test('a placeholder arriving inside a value is never expanded', () => {
    assert.equal(
      buildShareLink(config({ partnerId: '{shareId}', shareLinkTemplate: 'https://x.test/{partnerId}/{shareId}' })),
      `https://x.test/%7BshareId%7D/${SHARE}`,
    );
  });

  test('fillShareLink without a partner id (unchecked) leaves its segment empty, never "undefined"', () => {
    assert.equal(fillShareLink({ shareId: SHARE }), `https://vision.xoeye.io/partners//share/${SHARE}`);
  });

  test('fillShareLink leaves an unknown placeholder as written, and a lone surrogate becomes U+FFFD', () => {
    assert.equal(
      fillShareLink({
        partnerId: 'p',
        shareId: 's',
        shareLinkTemplate: 'https://x.test/{other}/{constructor}/{shareId}',
      }),
      'https://x.test/{other}/{constructor}/s',
    );
    assert.equal(
      fillShareLink({ partnerId: 'a\uD83Db\uDE00c\uD83D\uDE00', shareId: SHARE }),
      `https://vision.xoeye.io/partners/a%EF%BF%BDb%EF%BF%BDc%F0%9F%98%80/share/${SHARE}`,
    );
  });

  test('a link that cannot be built throws, naming the template and not the shareId', () => {
    assert.deepEqual(
      thrown(() => buildShareLink(config({ shareLinkTemplate: 'http://evil.test/{shareId}' }))),
      {
        name: 'XoiShareConfigError',
        message:
          'share-link-template must be an https: URL (http: only on localhost, 127.0.0.1, [::1]) built from {baseUrl}, {partnerId} and {shareId}; "http://evil.test/{shareId}" is not.',
        problems: [
          {
            code: 'invalid-field',
            field: 'shareLinkTemplate',
            message:
              'share-link-template must be an https: URL (http: only on localhost, 127.0.0.1, [::1]) built from {baseUrl}, {partnerId} and {shareId}; "http://evil.test/{shareId}" is not.',
          },
        ],
      },
    );
    assert.deepEqual(thrown(() => buildShareLink(config({ shareId: 'short' }))).problems, [
      { code: 'invalid-field', field: 'shareId', message: 'share-id must be 16–64 of A–Z a–z 0–9 _ -.' },
    ]);
  });

  test('templates: unknown placeholders and links that are not https are refused', () => {
    const fields = (shareLinkTemplate) => fieldsOf({ shareLinkTemplate });
    const refused = [['invalid-field', 'shareLinkTemplate']];
    assert.deepEqual(fields('{baseUrl}/s/{ticket}'), refused);
    assert.deepEqual(fields('https://x.test/{shareIds}'), refused);
    assert.deepEqual(fields('http://evil.test/{shareId}'), refused);
    assert.deepEqual(fields('javascript:alert(1)//{shareId}'), refused);
    assert.deepEqual(fields('/relative/{shareId}'), refused);
    assert.deepEqual(fields('{partnerId}{baseUrl}'), refused);
    assert.deepEqual(fields('https://cdn.test/{shareId}'), []);
    assert.deepEqual(fields('{baseUrl}/{partnerId}/{shareId}'), []);
  });

  test('the template is judged only when its inputs are sound: a bad partner id or base is the only fault', () => {
    assert.deepEqual(fieldsOf({ partnerId: 'a b', shareLinkTemplate: 'https://x.test/{partnerId}/{shareId}' }), [
      ['invalid-field', 'partnerId'],
    ]);
    // The link would be http: to a public host, but that is the base's fault, not the template's.
    assert.deepEqual(fieldsOf({ baseUrl: 'http://evil.test', shareLinkTemplate: '{baseUrl}/s/{shareId}' }), [
      ['invalid-field', 'baseUrl'],
    ]);
    // Both faults when the template is wrong on its own (an unknown placeholder).
    assert.deepEqual(fieldsOf({ partnerId: 'a b', shareLinkTemplate: 'https://x.test/{who}' }), [
      ['invalid-field', 'partnerId'],
      ['invalid-field', 'shareLinkTemplate'],
    ]);
  });

  test('the same bad template gives the same message whatever the shareId (one error, not one per reset)', () => {
    const messages = (shareId) =>
      problemsOf({ shareId, shareLinkTemplate: '{baseUrl}/x/{foo}/{shareId}' }).map((p) => p.message);
    assert.equal(messages('a'.repeat(21)).length, 1);
    assert.deepEqual(messages('a'.repeat(21)), messages('b'.repeat(21)));
  });
});

describe('validation', () => {
  test('a complete configuration has no problems', () => {
    assert.deepEqual(validateShareConfig(config()), []);
    assert.deepEqual(validateShareConfig(config({ tags: [], storage: 'session' })), []);
    assert.deepEqual(validateShareConfig(config({ storage: 'none' })), []);
  });

  for (const [field, attribute] of [
    ['partnerId', 'partner-id'],
    ['shareId', 'share-id'],
    ['serviceTicket', 'service-ticket'],
    ['customer', 'customer'],
    ['location', 'location'],
  ]) {
    test(`a missing or blank ${field} is missing-field, named as the attribute`, () => {
      for (const value of [undefined, '', '  \n', 7]) {
        assert.deepEqual(problemsOf({ [field]: value }), [
          { code: 'missing-field', field, message: `${attribute} is required.` },
        ]);
      }
    });
  }

  test('every problem at once, in field order', () => {
    assert.deepEqual(
      validateShareConfig({ baseUrl: 'ftp://x', tags: [1], storage: 'disk' }).map((p) => p.field),
      ['partnerId', 'shareId', 'baseUrl', 'serviceTicket', 'customer', 'location', 'tags', 'storage'],
    );
  });

  test('share id: 16–64 characters of A-Z a-z 0-9 _ -', () => {
    assert.deepEqual(problemsOf({ shareId: 'a'.repeat(16) }), []);
    assert.deepEqual(problemsOf({ shareId: 'a'.repeat(64) }), []);
    for (const bad of ['a'.repeat(15), 'a'.repeat(65), 'abcdefghijklmnop!', 'abcdefghijklmnöp', 'abcdefgh ijklmnop']) {
      assert.deepEqual(fieldsOf({ shareId: bad }), [['invalid-field', 'shareId']], bad);
    }
    assert.ok(SHARE_ID.test(SHARE));
  });

  test('partner id: 1–128 visible characters, no spaces or controls, no dot segments, well-formed', () => {
    for (const ok of ['Ä/b?c#d', 'x'.repeat(128), '...', '.a', '🙂']) {
      assert.deepEqual(problemsOf({ partnerId: ok }), [], ok);
    }
    for (const bad of ['a b', '.', '..', 'a\tb', 'a\u007fb', 'a\u0000b', 'x'.repeat(129), 'a\uD83D']) {
      assert.deepEqual(
        problemsOf({ partnerId: bad }),
        [
          {
            code: 'invalid-field',
            field: 'partnerId',
            message: 'partner-id must be 1–128 visible characters, not "." or "..".',
          },
        ],
        JSON.stringify(bad),
      );
    }
  });

  test('base url: https anywhere, http only on loopback, no credentials, query, fragment, spaces or controls', () => {
    for (const ok of [
      'https://vision.xoeye.io',
      'https://x.test/base/',
      'http://localhost:8000',
      'http://127.0.0.1',
      'http://[::1]:3000',
    ]) {
      assert.deepEqual(problemsOf({ baseUrl: ok }), [], ok);
    }
    const message =
      'base-url must be an https: URL (http: only on localhost, 127.0.0.1, [::1]) with no spaces, ? or #.';
    for (const bad of [
      'http://vision.xoeye.io',
      'http://localhost.evil.test',
      'http://evillocalhost:8000',
      'ftp://localhost',
      'ws://127.0.0.1:8000',
      'http://a127.0.0.1',
      'http://127.0.0.1.evil.test',
      'javascript:alert(1)',
      'data:text/html,x',
      '//vision.xoeye.io',
      'vision.xoeye.io',
      'https://user:pw@vision.xoeye.io',
      'https://user@vision.xoeye.io',
      'https://:pw@vision.xoeye.io',
      'https://vision.xoeye.io/?a=1',
      'https://vision.xoeye.io/#x',
      '',
      // The URL parser drops these at the end of a base, not once a path follows it.
      'https://vision.xoeye.io ',
      'https://vision.xoeye.io:443\t',
      'https://vision.xoeye.io\u0001',
      'https://vision.xoeye.io\u007f',
      ' https://vision.xoeye.io',
    ]) {
      assert.deepEqual(problemsOf({ baseUrl: bad }), [{ code: 'invalid-field', field: 'baseUrl', message }], bad);
      assert.equal(thrown(() => buildShareRequest(config({ baseUrl: bad }))).message, message);
      assert.equal(thrown(() => buildShareLink(config({ baseUrl: bad }))).message, message);
    }
  });

  test('a base-url given as a URL object (a host property) is read as its text', () => {
    const baseUrl = new URL('https://vision.example.com/');
    assert.deepEqual(problemsOf({ baseUrl }), []);
    assert.equal(buildShareRequest(config({ baseUrl })).action, 'https://vision.example.com/partners/acme-fsm/share');
    assert.equal(buildShareLink(config({ baseUrl })), `https://vision.example.com/partners/acme-fsm/share/${SHARE}`);
  });

  test('tags must be an array of strings', () => {
    const refused = [['invalid-field', 'tags']];
    assert.deepEqual(fieldsOf({ tags: ['a', 1] }), refused);
    assert.deepEqual(fieldsOf({ tags: null }), refused);
    assert.deepEqual(fieldsOf({ tags: 'a' }), refused);
    assert.deepEqual(fieldsOf({ tags: ['a', ''] }), []);
  });

  test('storage: local, session or none, nothing else', () => {
    for (const bad of ['disk', 'locals', 'xlocal', 'Local', '']) {
      assert.deepEqual(
        problemsOf({ storage: bad }),
        [{ code: 'invalid-field', field: 'storage', message: 'storage must be "local", "session" or "none".' }],
        bad,
      );
    }
  });

  test('the URL rule shared by base-url and the link', () => {
    assert.equal(parseAllowedUrl('https://a.test/x')?.href, 'https://a.test/x');
    assert.equal(parseAllowedUrl('http://localhost/x')?.href, 'http://localhost/x');
    assert.equal(parseAllowedUrl('http://a.test/x'), null);
    assert.equal(parseAllowedUrl('wss://localhost/x'), null);
    assert.equal(parseAllowedUrl('http://my127.0.0.1.test/x'), null);
    assert.equal(parseAllowedUrl('not a url'), null);
  });
});

describe('the tags attribute', () => {
  test('a JSON array, keeping commas and spaces inside items', () => {
    assert.deepEqual(parseTagsAttribute('["a","b, c"," d "]'), ['a', 'b, c', ' d ']);
    assert.deepEqual(parseTagsAttribute('  ["a","a",""]'), ['a']);
  });

  test('a comma-separated list: items trimmed, blanks and repeats dropped', () => {
    assert.deepEqual(parseTagsAttribute(' a, b ,,a, c '), ['a', 'b', 'c']);
    assert.deepEqual(parseTagsAttribute(''), []);
  });

  test('no attribute is no tags; JSON that is not an array of strings is an error (null)', () => {
    assert.deepEqual(parseTagsAttribute(null), []);
    assert.equal(parseTagsAttribute('["a",'), null);
    assert.equal(parseTagsAttribute('[1,2]'), null);
    assert.equal(parseTagsAttribute('["a",1]'), null);
    assert.equal(parseTagsAttribute('[{"a":1}]'), null);
  });
});

describe('createShareId', () => {
  test('21 characters of the URL-safe alphabet, different every time, each a valid share-id', () => {
    const ids = new Set(Array.from({ length: 2000 }, createShareId));
    assert.equal(ids.size, 2000);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{21}$/);
    assert.deepEqual(problemsOf({ shareId: [...ids][0] }), []);
  });
});
