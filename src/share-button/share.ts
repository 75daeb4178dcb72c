/**
 * The XOi "Foundational Integration" as pure functions: validate a configuration, build the
 * POST that opens an activity, build the public share link, make a shareId.
 * Nothing here touches the DOM, so every rule can be read and tested on its own.
 *
 * Written for size (the script-tag bundle has a budget, test/node/size-budget.test.mjs): one
 * `fault()` builds every message from the attribute name and the rule it breaks.
 */
import { nanoid } from 'nanoid';
import { toWellFormed } from '../shared/well-formed.js';

export const DEFAULT_BASE_URL = 'https://vision.xoeye.io';
export const DEFAULT_SHARE_LINK_TEMPLATE = '{baseUrl}/partners/{partnerId}/share/{shareId}';

export type XoiShareErrorCode = 'missing-field' | 'invalid-field' | 'storage-unavailable' | 'blocked';

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
  /** Where the element remembers the activity; checked when given. */
  storage?: string;
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

/** `serviceTicket` → `service-ticket`: messages name the attribute a host wrote. */
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** A problem with `field`: missing when there is no rule, else invalid, the rule saying why. */
/** A problem with the configuration: what `validateShareConfig` lists and the element shows. */
export interface ConfigProblem extends XoiShareErrorDetail {
  code: 'missing-field' | 'invalid-field';
  field: string;
}

export const fault = (field: string, rule?: string): ConfigProblem =>
  rule
    ? { code: 'invalid-field', field, message: `${kebab(field)} must be ${rule}.` }
    : { code: 'missing-field', field, message: `${kebab(field)} is required.` };

const URL_RULE = 'an https: URL (http: only on localhost, 127.0.0.1, [::1])';
// The partner id becomes a path segment. XOi has not published its shape, so allow any visible
// characters (they are percent-encoded) but refuse what could change the path's meaning:
// whitespace/controls and the dot segments "." and "..", which URL parsing would resolve.
// eslint-disable-next-line no-control-regex
const PARTNER_ID = /^(?!\.{1,2}$)[^\s\u0000-\u001f\u007f]{1,128}$/;
/** The shape of a shareId: the host's, a generated one, or one read back from storage. */
export const SHARE_ID = /^[\w-]{16,64}$/;

const isBlank = (value: unknown): boolean => typeof value != 'string' || !value.trim();

/**
 * The URL rule shared by `base-url` and the share link: `https:`, or `http:` on loopback only,
 * with no credentials. Returns the parsed URL, or null.
 */
export function parseAllowedUrl(value: string): URL | null {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return !url.username &&
    !url.password &&
    (url.protocol == 'https:' || (url.protocol == 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)))
    ? url
    : null;
}

/** The template filled in, unchecked: for a configuration {@link validateShareConfig} passed. */
export function fillShareLink(config: ShareLinkConfig): string {
  const values: Record<string, string> = { partnerId: config.partnerId, shareId: config.shareId };
  // One pass, so a value that contains "{shareId}" is never expanded.
  return String(config.shareLinkTemplate ?? DEFAULT_SHARE_LINK_TEMPLATE).replace(/\{(\w+)\}/g, (text, name: string) =>
    name == 'baseUrl'
      ? String(config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
      : Object.hasOwn(values, name)
        ? encodeURIComponent(toWellFormed(String(values[name] ?? '')))
        : text,
  );
}

/** Pushes what is wrong with the link's inputs onto `problems`. */
function checkLink(config: ShareLinkConfig, problems: ConfigProblem[]): void {
  const { partnerId, shareId } = config;
  const baseUrl = String(config.baseUrl ?? DEFAULT_BASE_URL);
  const template = String(config.shareLinkTemplate ?? DEFAULT_SHARE_LINK_TEMPLATE);
  const before = problems.length;
  if (isBlank(partnerId)) problems.push(fault('partnerId'));
  else if (!PARTNER_ID.test(partnerId) || toWellFormed(partnerId) != partnerId) {
    problems.push(fault('partnerId', '1–128 visible characters, not "." or ".."'));
  }
  if (isBlank(shareId)) problems.push(fault('shareId'));
  else if (!SHARE_ID.test(shareId)) problems.push(fault('shareId', '16–64 of A–Z a–z 0–9 _ -'));
  // A path follows the base, so no query or fragment; and no spaces or controls, which the URL
  // parser drops at the end of the base but not once the path follows.
  if (/[\0- \x7f?#]/.test(baseUrl) || !parseAllowedUrl(baseUrl))
    problems.push(fault('baseUrl', URL_RULE + ' with no spaces, ? or #'));
  // Judge the filled template only when its inputs were sound; otherwise the fault is theirs.
  // The default one cannot fail then (a sound base + percent-encoded path segments).
  if (
    /\{(?!(baseUrl|partnerId|shareId)\})\w+\}/.test(template) ||
    (problems.length == before && template != DEFAULT_SHARE_LINK_TEMPLATE && !parseAllowedUrl(fillShareLink(config)))
  ) {
    // The template, not the link, in the message: the link holds the shareId, and a message that
    // changes with it would report the same fault again after every reset.
    problems.push(
      fault('shareLinkTemplate', `${URL_RULE} built from {baseUrl}, {partnerId} and {shareId}; "${template}" is not`),
    );
  }
}

/**
 * Every problem with a configuration, in field order; an empty array means it is usable.
 * Values are never trimmed or rewritten: they are posted exactly as given.
 */
export function validateShareConfig(config: Partial<ShareConfig>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  checkLink(config as ShareLinkConfig, problems);
  for (const field of ['serviceTicket', 'customer', 'location'] as const) {
    if (isBlank(config[field])) problems.push(fault(field));
  }
  const { tags = [], storage = 'local' } = config;
  if (!Array.isArray(tags) || tags.some((t) => typeof t != 'string')) {
    problems.push(fault('tags', 'a JSON array of strings or a comma-separated list'));
  }
  if (!/^(local|session|none)$/.test(storage)) problems.push(fault('storage', '"local", "session" or "none"'));
  return problems;
}

function check(problems: XoiShareErrorDetail[]): void {
  if (problems.length) throw new XoiShareConfigError(problems);
}

/** The public share link for an activity. Throws {@link XoiShareConfigError} when it cannot be built. */
export function buildShareLink(config: ShareLinkConfig): string {
  const problems: ConfigProblem[] = [];
  checkLink(config, problems);
  check(problems);
  return fillShareLink(config);
}

/** The POST that opens the activity in XOi. Throws {@link XoiShareConfigError} on any problem. */
export function buildShareRequest(config: ShareConfig): ShareRequest {
  check(validateShareConfig(config));
  return shareRequest(config);
}

/** The POST, unchecked: for a configuration {@link validateShareConfig} passed. */
export function shareRequest(config: ShareConfig): ShareRequest {
  return {
    method: 'POST',
    action: `${String(config.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/partners/${encodeURIComponent(config.partnerId)}/share`,
    enctype: 'application/x-www-form-urlencoded',
    // The fields XOi reads, in this order; `tags` repeats, last.
    fields: [
      ...(['shareId', 'serviceTicket', 'customer', 'location'] as const).map((name): [string, string] => [
        name,
        config[name],
      ]),
      ...normalizeTags(config.tags ?? []).map((tag): [string, string] => ['tags', tag]),
    ],
  };
}

/** Blank tags and repeats dropped, first occurrence's order kept, values otherwise verbatim. */
export const normalizeTags = (tags: readonly string[]): string[] => [...new Set(tags.filter((tag) => !isBlank(tag)))];

/**
 * Reads the `tags` attribute: a JSON array (`'["a","b, c"]'`) or a comma-separated list
 * (items trimmed). Returns null when it looks like JSON but is not an array of strings.
 */
export function parseTagsAttribute(value: string | null): string[] | null {
  if (!value?.trim().startsWith('[')) return normalizeTags(value?.split(',').map((t) => t.trim()) ?? []);
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((t) => typeof t == 'string')) return normalizeTags(parsed);
  } catch {
    // not JSON: null below
  }
  return null;
}

/** A new, non-guessable shareId: 21 characters of nanoid's URL-safe alphabet (~126 bits). */
export const createShareId = (): string => nanoid();
