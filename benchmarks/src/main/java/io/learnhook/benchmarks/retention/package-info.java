/**
 * Not API: the retention harness, which measures what pruning old reports and request-log entries
 * costs recordings running at the same time (docs/OPERATIONS.md, "Retention").
 */
package io.learnhook.benchmarks.retention;
