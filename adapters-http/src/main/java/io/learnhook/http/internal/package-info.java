/**
 * Not API: what the bindings of learnhook-http share beyond the endpoints themselves. Public only
 * so that the JDK and servlet bindings can reach it; it may change in any release.
 */
package io.learnhook.http.internal;
