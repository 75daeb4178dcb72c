/**
 * A web-test-runner reporter that prints nothing and, when `WTR_SUMMARY_FILE` is set, writes
 * per-engine counts there as JSON, so `scripts/test.mjs` can total every phase.
 * A test file that fails without a failing test (it did not load, a hook threw, the browser
 * crashed) counts as one failure: "0 failed" must never hide a broken file.
 */
import { writeFileSync } from 'node:fs';

function countTests(suite, counts) {
  if (!suite) return;
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped += 1;
    else if (t.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const s of suite.suites ?? []) countTests(s, counts);
}

export function summaryReporter({ file = process.env.WTR_SUMMARY_FILE } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      if (!file) return;
      const engines = {};
      for (const session of sessions) {
        const name = session.browser.name;
        const counts = (engines[name] ??= { passed: 0, failed: 0, skipped: 0, files: 0, brokenFiles: [] });
        const own = { passed: 0, failed: 0, skipped: 0 };
        countTests(session.testResults, own);
        counts.files += 1;
        counts.passed += own.passed;
        counts.failed += own.failed;
        counts.skipped += own.skipped;
        // web-test-runner records some interruptions (page navigated, browser disconnected) only
        // as session errors, leaving `passed` unset.
        const broken = session.passed !== true || (session.errors?.length ?? 0) > 0;
        if (broken && own.failed === 0) {
          counts.failed += 1;
          counts.brokenFiles.push(session.testFile);
        }
      }
      writeFileSync(file, JSON.stringify({ engines }, null, 2));
    },
  };
}
