/** Prints one closing line, `tests: N passed, N failed, N skipped`, after Jest's own report. */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    console.log(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped`);
  }
}
module.exports = SummaryReporter;
