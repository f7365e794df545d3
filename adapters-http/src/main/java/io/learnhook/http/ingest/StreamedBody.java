package io.learnhook.http.ingest;

import io.learnhook.ingest.CompletionIngest.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request body as it streams in, read only when the engine asks and never past its limit: a
 * declared {@code Content-Length} over the limit is refused before any byte is read, and a body
 * without one is refused as soon as it passes the limit.
 */
final class StreamedBody implements RequestBody {
  private final InputStream in;
  private final OptionalLong declaredLength;

  StreamedBody(InputStream in, OptionalLong declaredLength) {
    this.in = in;
    this.declaredLength = declaredLength;
  }

  @Override
  public Optional<byte[]> readAtMost(long maxBytes) {
    try {
      return Optional.of(BoundedBody.read(in, declaredLength, maxBytes));
    } catch (BoundedBody.TooLargeException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UnreadableBodyException("The body could not be read to its end", e);
    }
  }
}
