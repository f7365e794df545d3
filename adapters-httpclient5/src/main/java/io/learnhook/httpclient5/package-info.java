/**
 * The outbound report transport on Apache HttpClient 5: {@link
 * io.learnhook.httpclient5.HttpClient5ReportTransport} connects to the very address it checked
 * against core's private-network rule (DNS rebinding closed) and can send through an egress proxy.
 */
package io.learnhook.httpclient5;
