// A Vitest reporter beside the default one: at the end of a run it writes the failed tests, and the
// tests that passed only when tried again (flaky), to the JSON file named by OPENFLOOR_TEST_OUTCOMES.
// `npm test` (scripts/test.ts) names them in its summary, the part of a long log that survives.
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export interface TestOutcomes {
  /** `file > test: the error's first line`, or `file: …` for a file that failed outside any test. */
  failed: string[];
  /** `file > test (tries: n): why the first try failed`: passed, but not at the first try. */
  flaky: string[];
}

const firstLine = (message: string | undefined) => (message ?? '').split('\n')[0]!.slice(0, 200);

export default class OutcomeReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const file = process.env.OPENFLOOR_TEST_OUTCOMES;
    if (!file) return;
    const outcomes: TestOutcomes = { failed: [], flaky: [] };
    for (const module of modules) {
      const where = module.relativeModuleId;
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'failed') {
          failedTests += 1;
          outcomes.failed.push(`${where} > ${test.fullName}: ${firstLine(result.errors?.[0]?.message)}`);
        } else if (test.diagnostic()?.flaky) {
          // Why the first try failed: kept whole (within reason), it is what tells the flake apart.
          const why = (result.errors?.[0]?.message ?? '').slice(0, 1500);
          const tries = test.diagnostic()!.retryCount + 1;
          outcomes.flaky.push(`${where} > ${test.fullName} (tries: ${tries}): ${why}`);
        }
      }
      if (failedTests === 0 && module.state() === 'failed') {
        outcomes.failed.push(`${where}: ${firstLine(module.errors()[0]?.message)}`);
      }
    }
    writeFileSync(file, JSON.stringify(outcomes));
  }
}
