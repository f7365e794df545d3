package io.learnhook.examples.embedding;

import io.learnhook.ingest.CompletionIngest;
import io.learnhook.ingest.CompletionIngest.RequestBody;
import io.learnhook.ingest.IngestOutcome;
import io.learnhook.webhook.WebhookKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * An inbound adapter without HTTP: completions that arrive on a queue (say, from a message broker
 * the senders publish to) go through the same use case as the webhook endpoint: the same key check,
 * mapping, resolution, exactly-once recording, request log and reports.
 *
 * <pre>{@code
 * QueueIngestion consumer = new QueueIngestion(queue, learnHook.ingest(),
 *     (message, outcome) -> broker.ackOrDeadLetter(message, outcome));
 * executor.submit(consumer);
 * }</pre>
 */
public final class QueueIngestion implements Runnable {
  /**
   * One message: the webhook key its sender was given, and the JSON it sent.
   *
   * @param key the key as the sender wrote it
   * @param json the payload, as a webhook body
   */
  public record Message(String key, byte[] json) {
    public Message {
      Objects.requireNonNull(key, "key");
      json = json.clone();
    }

    @Override
    public String toString() {
      return "Message[" + json.length + " bytes]"; // never the key
    }
  }

  private final BlockingQueue<Message> queue;
  private final CompletionIngest ingest;
  private final BiConsumer<Message, IngestOutcome> outcomes;

  /**
   * @param queue where messages arrive
   * @param ingest {@code learnHook.ingest()}
   * @param outcomes told what came of each message, in order (to ack it, or dead-letter a refusal)
   */
  public QueueIngestion(
      BlockingQueue<Message> queue,
      CompletionIngest ingest,
      BiConsumer<Message, IngestOutcome> outcomes) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
  }

  /** Ingests messages as they arrive, until the thread is interrupted. */
  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        ingestOne(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ingests the messages waiting now, and returns how many there were. */
  public int drain() {
    int count = 0;
    for (Message message = queue.poll(); message != null; message = queue.poll()) {
      ingestOne(message);
      count++;
    }
    return count;
  }

  private void ingestOne(Message message) {
    // The key is the message's own: one broker may carry the completions of every company.
    IngestOutcome outcome =
        ingest.ingest(
            WebhookKey.parse(message.key()),
            Optional.empty(),
            false,
            RequestBody.of(message.json()));
    outcomes.accept(message, outcome);
  }
}
