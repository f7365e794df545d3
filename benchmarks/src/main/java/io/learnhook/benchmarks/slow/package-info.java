/**
 * Not API: the slow-clients harness, which measures whether clients trickling their request heads
 * stop a server from answering everyone else (docs/SECURITY.md, "Slow clients").
 */
package io.learnhook.benchmarks.slow;
