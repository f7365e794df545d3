/**
 * HTTP bindings of LearnHook on the JDK's own HTTP server ({@code jdk.httpserver}), and the
 * outbound transport of reports on the JDK's {@code java.net.http.HttpClient}.
 *
 * <ul>
 *   <li>{@link io.learnhook.http.LearnHookHttpServer}: runs a server for the incoming completions
 *       endpoint, {@code POST /webhooks/item_completions}.
 *   <li>{@link io.learnhook.http.IncomingWebhookHandler}: the same endpoint as an {@code
 *       HttpHandler}, to mount on a server you already run.
 *   <li>{@link io.learnhook.http.TenantResolver}: tells the endpoint which company a request is
 *       for, from its host, so that a key of another company is refused.
 *   <li>{@link io.learnhook.http.HttpReportTransport}: POSTs reports to subscribers, refusing
 *       callback URLs that lead into private networks (check then connect; {@code
 *       learnhook-httpclient5} pins the checked address).
 * </ul>
 *
 * The bindings only move bytes: every status and body comes from {@link
 * io.learnhook.http.ingest.IncomingWebhookEndpoint}, so every binding answers alike.
 */
package io.learnhook.http;
