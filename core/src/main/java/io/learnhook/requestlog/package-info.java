/**
 * The request log: every authenticated call to a webhook, kept per webhook for troubleshooting
 * (time, outcome, status, mapped fields, error), never with the key, and pruned to a bounded size.
 */
package io.learnhook.requestlog;
