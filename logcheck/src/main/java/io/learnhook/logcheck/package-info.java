/**
 * Test-scope only: proves that no test run logs a secret. Every module's tests have this jar on
 * their class path, and surefire selects {@link io.learnhook.logcheck.CapturingServiceProvider} as
 * the SLF4J provider ({@code slf4j.provider}, root pom). Then:
 *
 * <ol>
 *   <li>every log call of a logger under {@code io.learnhook} is captured at every level, TRACE
 *       included, whatever the console shows (warn and up); other libraries' loggers are captured
 *       at the level the console shows, since turning Jetty or HikariCP to TRACE would flood the
 *       run;
 *   <li>{@link io.learnhook.logcheck.KeyRecorder} learns every webhook key of the run without a
 *       hook in production code: it is a JCA provider, put first, whose SHA-256 notes every input
 *       shaped like a key. LearnHook hashes every key it stores or is shown ({@code KeyHash.of}),
 *       so every key a test creates, seeds or presents (even an unknown one) is known, while
 *       webhook ids and completion ids, which are UUIDs too but never hashed, are not mistaken for
 *       keys;
 *   <li>when the launcher session closes, {@link io.learnhook.logcheck.NoSecretsInLogs} scans what
 *       was captured for those keys (any case), for {@code Bearer}/{@code Basic} credentials and
 *       {@code Authorization: value} pairs, and for base64 text that decodes to a key, and fails
 *       the run naming the logger and level of each finding (never the secret itself).
 * </ol>
 */
package io.learnhook.logcheck;
