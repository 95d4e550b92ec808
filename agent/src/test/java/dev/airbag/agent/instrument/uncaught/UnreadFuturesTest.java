package dev.airbag.agent.instrument.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnreadFuturesTest {
  private final List<Throwable> swallowed = new CopyOnWriteArrayList<>();
  private final UnreadFutures futures =
      new UnreadFutures(TimeUnit.MILLISECONDS.toNanos(50), (error, thread, completable) -> swallowed.add(error));

  @AfterEach
  void close() {
    futures.close();
  }

  @Test
  void aFailureNobodyReadsIsReportedAfterTheGrace() throws InterruptedException {
    RuntimeException error = new RuntimeException("unread");
    futures.failed(new CompletableFuture<String>(), error);
    awaitCheck();
    assertEquals(List.of(error), swallowed);
  }

  @Test
  void aFailureReadInTimeIsForgotten() throws InterruptedException {
    CompletableFuture<String> future = new CompletableFuture<>();
    futures.failed(future, new RuntimeException("read"));
    futures.read(future);
    awaitCheck();
    assertEquals(List.of(), swallowed);
  }

  @Test
  void aStageWithDependentsLeavesTheFailureToThem() throws InterruptedException {
    CompletableFuture<String> future = new CompletableFuture<>();
    future.thenApply(String::length);
    futures.failed(future, new RuntimeException("handed on"));
    awaitCheck();
    assertEquals(List.of(), swallowed);
  }

  @Test
  void readingAnotherFutureForgetsNothing() throws InterruptedException {
    CompletableFuture<String> failed = new CompletableFuture<>();
    RuntimeException error = new RuntimeException("unread");
    futures.failed(failed, error);
    futures.read(new CompletableFuture<String>());
    awaitCheck();
    assertEquals(List.of(error), swallowed);
  }

  private void awaitCheck() throws InterruptedException {
    // The checker runs once a second; two rounds leave no doubt.
    Thread.sleep(2_200);
  }
}
