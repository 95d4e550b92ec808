package dev.airbag.agent.uncaught;

import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Does the slow part of review off the app's threads, on one daemon thread named {@code airbag-exception-review}: asks
 * the AI classifier (when on) and writes the pending-review entry (when a labels file is set). App threads only
 * {@link #submit}, which never blocks: a full queue drops the case, and a later occurrence submits it again.
 * Each fingerprint is handled once, unless the AI gave no answer (down, slow, circuit open), in which case a
 * later occurrence may ask again. The thread starts on the first submission. Thread-safe.
 */
final class ReviewWorker implements AutoCloseable {
  static final String THREAD_PURPOSE = "exception-review";
  private static final int MAX_CLAIMED = 10_000;

  private final BlockingQueue<ReviewCase> queue;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private final AiLabeller ai;
  private final PendingReviews pending;
  private final Consumer<String> onReviewed;
  private final Logger log;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private Thread thread;
  private boolean closed;

  /**
   * @param ai the AI labeller, or null when it is off
   * @param pending the pending-review file, or null when there is no labels file
   * @param onReviewed told each fingerprint once its review is done (for tests and metrics)
   */
  ReviewWorker(int capacity, AiLabeller ai, PendingReviews pending, Consumer<String> onReviewed, Logger log) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.ai = ai;
    this.pending = pending;
    this.onReviewed = onReviewed;
    this.log = log;
  }

  /** Queues the case unless its fingerprint is queued or done; false when it was not queued. */
  boolean submit(ReviewCase review) {
    String fingerprint = review.fingerprint().value();
    // Bounded memory: past the cap, new fingerprints go unreviewed by Airbag (their events still say human_review).
    if (claimed.size() >= MAX_CLAIMED || !claimed.add(fingerprint)) {
      return false;
    }
    if (!queue.offer(review)) {
      claimed.remove(fingerprint);
      return false;
    }
    startOnce();
    return true;
  }

  @Override
  public void close() {
    lifecycle.lock();
    try {
      closed = true;
      if (thread != null) {
        thread.interrupt();
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void startOnce() {
    lifecycle.lock();
    try {
      if (thread != null || closed) {
        return;
      }
      thread = DaemonThreads.single(THREAD_PURPOSE, this::run);
      thread.start();
    } finally {
      lifecycle.unlock();
    }
  }

  private void run() {
    // Everything this thread does (HTTP to the model, file writes) is Airbag's own: the hooks must let it pass.
    ReentrancyGuard.enter();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        review(queue.take());
      }
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  private void review(ReviewCase review) throws InterruptedException {
    String fingerprint = review.fingerprint().value();
    try {
      Verdict suggestion = null;
      if (ai != null) {
        suggestion = ai.label(review);
        if (suggestion == null) {
          claimed.remove(fingerprint);
        }
      }
      if (pending != null) {
        pending.add(review, suggestion);
      }
    } catch (RuntimeException e) {
      // A bug here must not kill the worker: the next fingerprint still deserves a review.
      log.warn("airbag: reviewing fingerprint {} failed: {}", fingerprint, e.toString());
    } finally {
      onReviewed.accept(fingerprint);
    }
  }
}
