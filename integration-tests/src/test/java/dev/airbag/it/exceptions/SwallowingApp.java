package dev.airbag.it.exceptions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fails tasks and stages some of which nobody reads: one submitted task and one CompletableFuture stage go unread,
 * their twins are read or handled. Knows nothing of Airbag.
 */
public final class SwallowingApp {
  public static void main(String[] args) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.submit(() -> {
      throw new IllegalArgumentException("nobody reads me");
    });
    Future<?> read = executor.submit(() -> {
      throw new ArithmeticException("the app reads me");
    });
    try {
      read.get();
    } catch (ExecutionException e) {
      System.out.println("READ " + e.getCause().getMessage());
    }
    CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("no stage observes me");
    });
    // Many times over: a stage chained just as its source fails must still count as read.
    for (int i = 0; i < 500; i++) {
      CompletableFuture.supplyAsync(() -> {
        throw new ArithmeticException("a stage handles me");
      }).exceptionally(error -> "recovered").join();
    }
    // The checker runs once a second and reports after the 500 ms grace: up to 1.5 s, with room for a slow machine.
    Thread.sleep(4000);
    executor.shutdown();
  }
}
