/**
 * The soak harness: mixed valid and hostile traffic against the JDK binding on H2 for a set time,
 * with reports delivered to a local receiver, reporting throughput, answers by status, heap after
 * GC and open file descriptors at start and end (docs/SECURITY.md).
 */
package io.learnhook.benchmarks.soak;
