/**
 * The Jakarta Servlet 6 binding, for LMSs in a servlet container (and Spring Boot 3):
 *
 * <ul>
 *   <li>{@link io.learnhook.http.servlet.IncomingWebhookServlet}: {@code POST
 *       /webhooks/item_completions}, answering exactly as the JDK binding does;
 *   <li>{@link io.learnhook.http.servlet.AdminServlet}: the admin endpoints, with the caller known
 *       from headers ({@link io.learnhook.http.admin.AdminAuthenticator}) or from the servlet
 *       request ({@link io.learnhook.http.servlet.ServletAuthenticator}).
 * </ul>
 *
 * {@code jakarta.servlet-api} is a {@code provided} dependency of {@code learnhook-http}: the
 * container brings it, and applications that only use the JDK binding never load these classes.
 */
package io.learnhook.http.servlet;
