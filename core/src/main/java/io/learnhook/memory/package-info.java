/**
 * An in-memory {@link io.learnhook.spi.LearnHookStore}: for tests, prototypes and trying LearnHook
 * out. Nothing survives the JVM; use the JDBC adapter ({@code learnhook-jdbc}) in production.
 *
 * <p>It lives in core, not in the test kit or an artifact of its own, for three reasons. Core's own
 * tests prove the engine on it, and core cannot depend on a module that depends on core. It is a
 * complete adapter that passes every port contract the JDBC adapter passes ({@code
 * StoreCompatibilityKit} in {@code learnhook-testkit}), so embedding without a database (examples,
 * benchmarks of the pipeline without I/O) can use it. And it needs nothing beyond the JDK, so it
 * costs core no dependency. docs/TESTKIT.md, "Where the in-memory store lives", says the same.
 */
package io.learnhook.memory;
