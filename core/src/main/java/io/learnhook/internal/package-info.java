/**
 * LearnHook's own helpers, not API: argument checks, random ids, the version. Public only so that
 * LearnHook's other packages can use them; they may change in any release.
 */
package io.learnhook.internal;
