/**
 * Not API: the health check behind {@code LearnHook#health()}. Public only so that the facade can
 * build it; it may change in any release.
 */
package io.learnhook.internal.health;
