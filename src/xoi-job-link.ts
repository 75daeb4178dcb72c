/** `xoi-share-button/xoi-job-link`: the class alone, not registered (see `job-link.ts`). */
export { XoiJobLink } from './job-link/element.js';
export type { XoiJobLinkDetail, XoiJobLinkErrorDetail, XoiJobLinkState } from './job-link/element.js';
