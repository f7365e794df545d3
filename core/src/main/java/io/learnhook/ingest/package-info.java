/**
 * Ingesting completions webhook calls, whatever carries them: {@link
 * io.learnhook.ingest.CompletionIngest} takes the presented key, the tenant, a dry-run flag and the
 * body (read lazily through {@link io.learnhook.ingest.CompletionIngest.RequestBody}) and says what
 * happened as an {@link io.learnhook.ingest.IngestOutcome}. Inbound adapters (the HTTP bindings in
 * {@code learnhook-http}, a queue consumer) turn outcomes into their own answers; nothing here
 * knows HTTP.
 */
package io.learnhook.ingest;
