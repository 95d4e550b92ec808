package dev.airbag.it.exceptions;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Submits one task whose failure nobody reads and one whose failure the app reads. Knows nothing of Airbag. */
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
    Thread.sleep(2500);
    executor.shutdown();
  }
}
