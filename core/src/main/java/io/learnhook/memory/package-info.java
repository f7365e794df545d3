/**
 * An in-memory {@link io.learnhook.spi.LearnHookStore}: for tests, prototypes and trying LearnHook
 * out. Nothing survives the JVM; use the JDBC adapter ({@code learnhook-jdbc}) in production.
 */
package io.learnhook.memory;
