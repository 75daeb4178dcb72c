/**
 * The XOi "Foundational Integration" as pure functions: validate a configuration, build the
 * POST that opens an activity, build the public share link, make a shareId.
 * Nothing here touches the DOM, so every rule can be read and tested on its own.
 */
import { nanoid } from 'nanoid';

export const DEFAULT_BASE_URL = 'https://vision.xoeye.io';
export const DEFAULT_SHARE_LINK_TEMPLATE = '{baseUrl}/partners/{partnerId}/share/{shareId}';

/** The fields XOi reads, in the order they are posted (`tags` repeats, last). */
export const SHARE_FIELDS = ['shareId', 'serviceTicket', 'customer', 'location'] as const;

export type XoiShareErrorCode = 'missing-field' | 'invalid-field' | 'storage-unavailable';

/** `detail` of `xoi-share-error`. `field` is the property name at fault, when there is one. */
export interface XoiShareErrorDetail {
  code: XoiShareErrorCode;
  field?: string;
  message: string;
}

export interface ShareConfig {
  partnerId: string;
  shareId: string;
  serviceTicket: string;
  customer: string;
  location: string;
  tags?: readonly string[];
  /** Defaults to {@link DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** Defaults to {@link DEFAULT_SHARE_LINK_TEMPLATE}. */
  shareLinkTemplate?: string;
}

export type ShareLinkConfig = Pick<ShareConfig, 'partnerId' | 'shareId' | 'baseUrl' | 'shareLinkTemplate'>;

/** What a form must submit: `POST action`, urlencoded UTF-8, these name/value pairs in order. */
export interface ShareRequest {
  method: 'POST';
  action: string;
  enctype: 'application/x-www-form-urlencoded';
  fields: Array<[name: string, value: string]>;
}

/** Thrown by the builders when the configuration is not usable; `problems` lists every fault. */
export class XoiShareConfigError extends Error {
  readonly problems: XoiShareErrorDetail[];
  constructor(problems: XoiShareErrorDetail[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'XoiShareConfigError';
    this.problems = problems;
  }
}

const SHARE_ID = /^[A-Za-z0-9_-]{16,64}$/;
// The partner id becomes a path segment. XOi has not published its shape, so allow any visible
// characters (they are percent-encoded) but refuse what could change the path's meaning:
// whitespace/controls and the dot segments "." and "..", which URL parsing would resolve.
// eslint-disable-next-line no-control-regex
const PARTNER_ID = /^(?!\.{1,2}$)[^\s\u0000-\u001f\u007f]{1,128}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PLACEHOLDER = /\{(\w+)\}/g;

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces lone surrogates with U+FFFD, as the browser's form encoding does. A host that cuts a
 * string in the middle of an emoji produces them, and `encodeURIComponent` throws on them.
 */
export function toWellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The URL rule shared by `base-url` and the share link: `https:`, or `http:` on loopback only,
 * with no credentials. Returns the parsed URL, or null.
 */
export function parseAllowedUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  return secure && !url.username && !url.password ? url : null;
}

/** `base-url` without trailing slashes; query and fragment are refused because a path follows. */
function checkBaseUrl(baseUrl: string | undefined, problems: XoiShareErrorDetail[]): string {
  const value = baseUrl ?? DEFAULT_BASE_URL;
  const url = parseAllowedUrl(value);
  if (!url || url.search || url.hash || value.includes('?') || value.includes('#')) {
    problems.push({
      code: 'invalid-field',
      field: 'baseUrl',
      message: `base-url "${value}" must be an https: URL without query or fragment (http: only for localhost, 127.0.0.1 or [::1]).`,
    });
  }
  return value.replace(/\/+$/, '');
}

function checkPartnerId(partnerId: string | undefined, problems: XoiShareErrorDetail[]): void {
  if (isBlank(partnerId)) {
    problems.push({ code: 'missing-field', field: 'partnerId', message: 'partner-id is required: use the id XOi issued to your integration.' });
  } else if (!PARTNER_ID.test(partnerId!) || toWellFormed(partnerId!) !== partnerId) {
    problems.push({
      code: 'invalid-field',
      field: 'partnerId',
      message: 'partner-id must be 1–128 visible characters with no spaces, and not "." or "..".',
    });
  }
}

function checkShareId(shareId: string | undefined, problems: XoiShareErrorDetail[]): void {
  if (isBlank(shareId)) {
    problems.push({ code: 'missing-field', field: 'shareId', message: 'share-id is required.' });
  } else if (!SHARE_ID.test(shareId!)) {
    problems.push({
      code: 'invalid-field',
      field: 'shareId',
      message: 'share-id must be 16–64 characters of A–Z, a–z, 0–9, "_" or "-".',
    });
  }
}

/** Fills the template in one pass, so a value that contains "{shareId}" is never expanded. */
function fillTemplate(
  template: string,
  values: { baseUrl: string; partnerId: string; shareId: string },
  problems: XoiShareErrorDetail[],
): string {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !Object.hasOwn(values, name));
  if (unknown.length) {
    problems.push({
      code: 'invalid-field',
      field: 'shareLinkTemplate',
      message: `share-link-template has unknown placeholder(s) ${unknown.map((n) => `{${n}}`).join(', ')}; use {baseUrl}, {partnerId} and {shareId}.`,
    });
    return '';
  }
  return template.replace(PLACEHOLDER, (_, name: keyof typeof values) =>
    name === 'baseUrl' ? values.baseUrl : encodeURIComponent(toWellFormed(values[name])),
  );
}

function linkProblems(config: ShareLinkConfig, problems: XoiShareErrorDetail[]): string {
  const before = problems.length;
  checkPartnerId(config.partnerId, problems);
  checkShareId(config.shareId, problems);
  const baseUrl = checkBaseUrl(config.baseUrl, problems);
  const template = config.shareLinkTemplate ?? DEFAULT_SHARE_LINK_TEMPLATE;
  const link = fillTemplate(template, { baseUrl, partnerId: config.partnerId ?? '', shareId: config.shareId ?? '' }, problems);
  // Only judge the filled template when its inputs were sound; otherwise the fault is theirs.
  if (problems.length === before && !parseAllowedUrl(link)) {
    problems.push({
      code: 'invalid-field',
      field: 'shareLinkTemplate',
      message: `share-link-template must produce an https: URL (http: only for localhost); it produced "${link}".`,
    });
  }
  return link;
}

/**
 * Every problem with a configuration, in field order; an empty array means it is usable.
 * Values are never trimmed or rewritten: they are posted exactly as given.
 */
export function validateShareConfig(config: Partial<ShareConfig>): XoiShareErrorDetail[] {
  const problems: XoiShareErrorDetail[] = [];
  linkProblems(config as ShareLinkConfig, problems);
  for (const field of ['serviceTicket', 'customer', 'location'] as const) {
    if (isBlank(config[field])) {
      problems.push({ code: 'missing-field', field, message: `${kebab(field)} is required.` });
    }
  }
  if (config.tags !== undefined && (!Array.isArray(config.tags) || config.tags.some((t) => typeof t !== 'string'))) {
    problems.push({ code: 'invalid-field', field: 'tags', message: 'tags must be a JSON array of strings or a comma-separated list.' });
  }
  return problems;
}

/** The public share link for an activity. Throws {@link XoiShareConfigError} when it cannot be built. */
export function buildShareLink(config: ShareLinkConfig): string {
  const problems: XoiShareErrorDetail[] = [];
  const link = linkProblems(config, problems);
  if (problems.length) throw new XoiShareConfigError(problems);
  return link;
}

/** The POST that opens the activity in XOi. Throws {@link XoiShareConfigError} on any problem. */
export function buildShareRequest(config: ShareConfig): ShareRequest {
  const problems = validateShareConfig(config);
  if (problems.length) throw new XoiShareConfigError(problems);
  const base = (config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  return {
    method: 'POST',
    action: `${base}/partners/${encodeURIComponent(config.partnerId)}/share`,
    enctype: 'application/x-www-form-urlencoded',
    fields: [
      ...SHARE_FIELDS.map((name): [string, string] => [name, config[name]]),
      ...normalizeTags(config.tags ?? []).map((tag): [string, string] => ['tags', tag]),
    ],
  };
}

/** Blank tags and repeats dropped, first occurrence's order kept, values otherwise verbatim. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.filter((tag) => !isBlank(tag)))];
}

/**
 * Reads the `tags` attribute: a JSON array (`'["a","b, c"]'`) or a comma-separated list
 * (items trimmed). Returns null when it looks like JSON but is not an array of strings.
 */
export function parseTagsAttribute(value: string | null): string[] | null {
  if (value === null) return [];
  if (value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) && parsed.every((t) => typeof t === 'string') ? normalizeTags(parsed) : null;
    } catch {
      return null;
    }
  }
  return normalizeTags(value.split(',').map((t) => t.trim()));
}

/** A new, non-guessable shareId: 21 characters of nanoid's URL-safe alphabet (~126 bits). */
export function createShareId(): string {
  return nanoid();
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
