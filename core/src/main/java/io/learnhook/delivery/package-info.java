/**
 * The values and policies of outbound reports: {@link io.learnhook.delivery.ReportSubscription}s
 * with their {@link io.learnhook.delivery.RetryPolicy} and {@link
 * io.learnhook.delivery.SigningSecret}, the {@link io.learnhook.internal.reporting.Report} payload,
 * {@link io.learnhook.delivery.Delivery}s and their {@link
 * io.learnhook.delivery.Delivery.DeliveryAttempt}s, the {@link
 * io.learnhook.spi.ReportTransport.ReportRequest} a transport sends, and the {@link
 * io.learnhook.delivery.CallbackAddressRule} every transport applies. It uses no port: the services
 * that do are in {@code io.learnhook.reporting}.
 */
package io.learnhook.delivery;
