/**
 * The root of LearnHook's exceptions, {@link io.learnhook.error.LearnHookException}. It stands in a
 * package of its own, below every other, so that the feature packages it is thrown from do not
 * depend on the {@code io.learnhook} facade that depends on them.
 */
package io.learnhook.error;
