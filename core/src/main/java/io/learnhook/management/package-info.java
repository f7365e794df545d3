/**
 * Managing incoming webhooks, as a company's Owners and Admins do: {@link
 * io.learnhook.management.WebhookAdministration}, the {@link io.learnhook.management.Actor} every
 * call names, and the {@link io.learnhook.management.ManagementException}s a refused call raises.
 *
 * <p>Who may do what is one rule, {@link io.learnhook.management.Actor.Role#mayManageWebhooks()}:
 * Owners and Admins everything within their own company, Managers and Learners nothing.
 */
package io.learnhook.management;
