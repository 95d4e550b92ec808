package dev.airbag.agent.instrument.apache5async.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncAttemptTest {
  @Test
  void aSuccessFasterThanTheEnginesChainingWaitsForIt() throws Exception {
    AsyncAttempt attempt = new AsyncAttempt();
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch answered = new CountDownLatch(1);
    Thread io = new Thread(() -> {
      attempt.answerLive();
      order.add("app");
      answered.countDown();
    });
    io.start();
    Thread.sleep(50);
    // The engine chains its decision only now, as a caller descheduled after the send would.
    attempt.answer.thenRun(() -> order.add("engine"));

    assertTrue(answered.await(5, TimeUnit.SECONDS));
    assertEquals(List.of("engine", "app"), order);
  }

  @Test
  void onTheThreadStillSendingItDoesNotWait() {
    AsyncAttempt attempt = new AsyncAttempt();
    attempt.sending();
    long start = System.nanoTime();
    attempt.answerLive();
    attempt.sent();

    assertTrue(attempt.answer.isDone());
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100),
        "no wait for a chaining that cannot come");
  }

  @Test
  void anEngineThatNeverChainsCostsAtMostTheBound() {
    AsyncAttempt attempt = new AsyncAttempt();
    long start = System.nanoTime();
    attempt.answerLive();

    assertTrue(attempt.answer.isDone());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "bounded");
  }
}
