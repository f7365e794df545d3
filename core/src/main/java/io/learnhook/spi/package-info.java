/**
 * Ports for adapter authors: what LearnHook needs from storage. Each interface has one reason to
 * change; lookups return {@link java.util.Optional} and collections are never null.
 *
 * <p>An adapter signals a database it cannot reach with {@link
 * io.learnhook.spi.StorageException.StorageUnavailableException}, which the endpoint answers with
 * 503 and {@code Retry-After}; any other storage failure with {@link
 * io.learnhook.spi.StorageException}.
 */
package io.learnhook.spi;
