package dev.airbag.agent.telemetry.events;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink for dispatcher tests: records what it got and on which thread, and can be held shut by a gate. */
final class RecordingSink implements EventSink {
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<Thread> writerThreads = new CopyOnWriteArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  final CountDownLatch firstWriteEntered = new CountDownLatch(1);
  volatile Thread closingThread;
  private final CountDownLatch gate;

  RecordingSink() {
    this(new CountDownLatch(0));
  }

  /** A sink whose writes wait until the gate opens. */
  RecordingSink(CountDownLatch gate) {
    this.gate = gate;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void write(List<Event> batch) throws IOException {
    writerThreads.add(Thread.currentThread());
    firstWriteEntered.countDown();
    try {
      gate.await();
    } catch (InterruptedException e) {
      throw new InterruptedIOException("interrupted while held at the gate");
    }
    events.addAll(batch);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    closingThread = Thread.currentThread();
    closes.incrementAndGet();
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    events.forEach(e -> ids.add(e.id()));
    return ids;
  }
}
