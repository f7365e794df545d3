/**
 * Wiring of outbound reports, not API: {@link io.learnhook.internal.reporting.ReportTrigger}
 * enqueues a new completion's reports inside the transaction that records it. {@link
 * io.learnhook.LearnHook} builds it; applications never call it, and it may change in any release.
 */
package io.learnhook.internal.reporting;
