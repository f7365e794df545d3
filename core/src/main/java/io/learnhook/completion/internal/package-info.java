/**
 * Not API: wiring that records completions, shared by the {@code LearnHook} facade and the ingest
 * use case. Types here are public only so that other packages of LearnHook can reach them; they may
 * change in any release.
 */
package io.learnhook.completion.internal;
