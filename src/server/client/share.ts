/** The share service's operation (docs/xoi-api-notes.md §4), thin over the call. */
import { answers, EmptyAnswer } from './answers.js';
import type { Caller } from './call.js';
import { CREATE_JOB_SHARE } from './documents.js';
import { jobShareInput } from './inputs.js';
import type { XoiJobShare } from './types.js';

export async function createJobShare(
  call: Caller,
  jobId: string | string[],
  options: { shareEntireJob?: boolean } = {},
): Promise<XoiJobShare> {
  const input = jobShareInput(jobId, options);
  return call({
    service: 'share',
    operation: 'createJobShare',
    document: CREATE_JOB_SHARE,
    variables: { input },
    decode: (data) => {
      // XOi's Dynamics connector retries an empty link "at peak times"; a null share is treated
      // the same (§4): both are retried, then an `unavailable` error says which it was.
      const share = answers.createJobShare(data, 'data').createJobShare?.jobShare;
      if (!share) throw new EmptyAnswer('XOi returned no share (jobShare: null)');
      const shareLink = share.shareLink.trim();
      if (!shareLink) throw new EmptyAnswer('XOi returned an empty shareLink');
      return { id: share.id, shareLink };
    },
  });
}
