/**
 * The admin endpoints: {@link io.learnhook.management.WebhookAdministration} as JSON over HTTP
 * ({@link io.learnhook.http.admin.AdminEndpoint}), independent of any HTTP server, and how callers
 * are recognised ({@link io.learnhook.http.admin.AdminAuthenticator}). The JDK and servlet bindings
 * only copy bytes in and out.
 */
package io.learnhook.http.admin;
