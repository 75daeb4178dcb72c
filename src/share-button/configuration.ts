/**
 * What configures `<xoi-share-button>`: its properties, taken when they change (not on every
 * render), the work order's activity they select, what is wrong with them, and the link and event
 * detail they give. No Lit, no DOM: the element reads from it.
 */
import type { ActivityController, WorkOrder } from './activity-controller.js';
import { isStorageKind, type StorageKind } from './activity-store.js';
import type { XoiShareDetail } from './events.js';
import { fillShareLink, normalizeTags, validateShareConfig, type ConfigProblem, type ShareConfig } from './share.js';

/** The element's configuring properties, as the host set them (any type: plain JavaScript sets them). */
export interface ConfigSource {
  partnerId: string;
  serviceTicket: string;
  customer: string;
  location: string;
  tags: string[];
  baseUrl: string;
  shareLinkTemplate: string;
  storage: StorageKind;
}

export class Configuration {
  /** The host's own share id, or undefined (then the activity's, generated, is used). */
  hostShareId?: string;
  /** The properties as last taken: what is posted, shown and reported. */
  config!: ShareConfig;
  problems: ConfigProblem[] = [];
  /** The configuring properties' values when last taken, to tell whether they changed. */
  #taken: unknown[] = [];
  readonly #source: ConfigSource;
  readonly #activity: ActivityController;

  constructor(source: ConfigSource, activity: ActivityController) {
    this.#source = source;
    this.#activity = activity;
  }

  /** The host configured the element (React and others set properties after it upgraded). */
  get configured(): boolean {
    const { partnerId, serviceTicket, customer, location } = this.#source;
    return [partnerId, serviceTicket, customer, location, this.hostShareId].some((value) => value !== undefined);
  }

  /** The work order whose activity the element follows. */
  order(): WorkOrder {
    const { storage, partnerId, serviceTicket } = this.#source;
    return { storage: isStorageKind(storage) ? storage : 'none', partnerId, serviceTicket, shareId: this.hostShareId };
  }

  /** The effective share id: the host's, else the activity's. */
  shareId(): string {
    return this.hostShareId ?? this.#activity.peek(this.order());
  }

  /** The configuration as it is now, with the effective share id. */
  current(): ShareConfig {
    const { hostShareId: _, ...props } = this.#props();
    return { ...props, shareId: this.shareId() };
  }

  /** Takes the properties when they changed: the work order's activity, and what is wrong. True when taken anew. */
  sync(): boolean {
    const taken = Object.values(this.#props());
    if (taken.every((value, i) => value === this.#taken[i])) return false;
    this.#taken = taken;
    this.#activity.use(this.order());
    this.problems = validateShareConfig((this.config = this.current()));
    return true;
  }

  /** The confirmed link, or the one for the activity's share id. */
  link(): string {
    const { activity } = this.#activity.state;
    return activity.state == 'linked'
      ? activity.shareLink
      : fillShareLink({ ...this.config, shareId: activity.shareId });
  }

  /** The events' detail, for the configuration as taken. */
  detail(): XoiShareDetail {
    const { partnerId, serviceTicket, customer, location, tags } = this.config;
    const { shareId } = this.#activity.state.activity;
    const normalized = Array.isArray(tags) ? normalizeTags(tags) : [];
    return { partnerId, shareId, serviceTicket, customer, location, tags: normalized, shareLink: this.link() };
  }

  /** The configuring properties now (the share id as the host set it). */
  #props() {
    const { partnerId, serviceTicket, customer, location, tags, baseUrl, shareLinkTemplate, storage } = this.#source;
    return {
      partnerId,
      serviceTicket,
      customer,
      location,
      tags,
      baseUrl,
      shareLinkTemplate,
      storage,
      hostShareId: this.hostShareId,
    };
  }
}
