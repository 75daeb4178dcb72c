/**
 * `Job.deepLinks` as the mock makes them. XOi gives the view links and the location search only
 * once the job is complete (docs/xoi-api-notes.md §3); the mobile URL shapes follow §7. The web
 * link points at the mock's own job page. [assumed: the search and contribute URL shapes]
 */
import type { MockJob } from '../types.js';

const payload = (value: object): string => encodeURIComponent(JSON.stringify(value));

export function deepLinksOf(job: MockJob, origin: string, prefix: string) {
  const done = Boolean(job.completedAt);
  return {
    visionWeb: { viewJob: done ? { url: `${origin}${prefix}/web/jobs/${encodeURIComponent(job.id)}` } : null },
    visionMobile: {
      viewJob: done ? { url: `xoi-vision://activity/view?payload=${payload({ jobId: job.id })}` } : null,
      editJob: { url: `xoi-vision://my-work/edit?payload=${payload({ jobId: job.id })}` },
      jobLocationActivitySearch: done
        ? { url: `xoi-vision://activity/search?payload=${payload({ jobLocation: job.jobLocation })}` }
        : null,
      contributeToJob: { url: `xoi-vision://my-work/contribute?jobId=${encodeURIComponent(job.id)}` },
    },
  };
}
