/**
 * The incoming completions endpoint, independent of any HTTP server: {@link
 * io.learnhook.ingest.IncomingWebhookEndpoint} takes an {@link io.learnhook.ingest.IncomingRequest}
 * (the Authorization header, the query string, the body stream) and returns the {@link
 * io.learnhook.ingest.EndpointResponse} of the public contract (status, headers, JSON body). The
 * HTTP bindings in {@code learnhook-http} only copy bytes in and out, so every binding answers
 * alike.
 */
package io.learnhook.ingest;
