/**
 * The incoming completions endpoint at the HTTP level, shared by the JDK and servlet bindings:
 * {@link io.learnhook.http.ingest.IncomingWebhookEndpoint} takes an {@link
 * io.learnhook.http.ingest.IncomingRequest} (the Authorization header, the raw query, the body
 * stream), lets {@link io.learnhook.ingest.CompletionIngest} decide, and answers with the {@link
 * io.learnhook.http.ingest.EndpointResponse} of the public contract (status, headers, JSON body).
 */
package io.learnhook.http.ingest;
