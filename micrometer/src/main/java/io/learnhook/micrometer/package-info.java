/**
 * LearnHook's metrics on Micrometer: {@link io.learnhook.micrometer.LearnHookMetrics}, an observer
 * of the engine that also reads the outbox's backlog, so that any {@code MeterRegistry}
 * (Prometheus, and every other Micrometer supports) shows webhook calls, completions, deliveries
 * and waiting reports. The meters and the alerts to set on them: {@code docs/OPERATIONS.md}.
 */
package io.learnhook.micrometer;
