/**
 * Completions: "this user completed this item", with an optional result, score and time spent, and
 * how they are recorded exactly once.
 */
package io.learnhook.completion;
