/**
 * Outbound reports at work, over the ports: {@link io.learnhook.reporting.Deliveries} (the LMS's
 * view of its companies' subscriptions, deliveries and attempts, and redelivery; from {@link
 * io.learnhook.LearnHook#deliveries()}) and {@link io.learnhook.reporting.DeliveryWorkers}, which
 * claim due reports from the outbox, send them through a {@link io.learnhook.spi.ReportTransport}
 * and record the outcomes. The values they work with (subscriptions, deliveries, attempts, retry
 * policies, the callback address rule) are in {@link io.learnhook.delivery}.
 */
package io.learnhook.reporting;
