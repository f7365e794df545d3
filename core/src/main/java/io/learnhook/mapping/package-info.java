/**
 * Field mapping: how a webhook translates a foreign payload into the fields LearnHook understands.
 *
 * <p>A mapping is a JSON object from field names ({@link io.learnhook.mapping.Field}) to where the
 * value sits in the payload: a dot path ({@code user.email}, {@code statements.0.actor.mbox},
 * {@code context.extensions["http://x.test/email"]}), a JSONPath ({@code $.actor.mbox}), or an
 * object adding a transform and a default, or {@code seconds_between} two timestamps. A field not
 * in the mapping is read from the payload's top-level key of the same name when that holds a plain
 * value. {@code "each"} names an array whose elements are recorded one by one. See {@link
 * io.learnhook.mapping.FieldMapping}.
 */
package io.learnhook.mapping;
