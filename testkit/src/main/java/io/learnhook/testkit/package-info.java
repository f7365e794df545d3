/**
 * LearnHook's test kit, for the people who never run a server: integrators checking a mapping
 * config ({@link io.learnhook.testkit.MappingCheck}), adapter authors proving their storage or
 * transport correct (the contract tests under {@code io.learnhook.testkit.contract}), and anyone
 * who needs a clock they can move ({@link io.learnhook.testkit.MutableClock}) or a database they
 * can cut away and bring back ({@link io.learnhook.testkit.TcpProxy}).
 */
package io.learnhook.testkit;
