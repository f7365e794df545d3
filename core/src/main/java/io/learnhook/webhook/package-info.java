/**
 * Incoming webhooks: their identity, their keys and how a key is read from a request.
 *
 * <p>A company may have many webhooks, each with its own name, key, field mapping and optional
 * source type filter, so that several external systems can feed completions into one company
 * without one's configuration affecting another's.
 */
package io.learnhook.webhook;
