package dev.airbag.bench.apps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadAffinityTest {
  @Test
  void aThreadStartedOnAnotherCpuStaysThereAndTheCallerComesBack() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/taskset"))
        && Runtime.getRuntime().availableProcessors() >= 2, "Linux with taskset and two CPUs");
    int before = ThreadAffinity.threadsOn(0);
    CountDownLatch end = new CountDownLatch(1);
    AtomicBoolean startedOnCpu0 = new AtomicBoolean();
    Thread server = ThreadAffinity.startedOn(0, () -> {
      Thread t = new Thread(() -> {
        try {
          startedOnCpu0.set(ThreadAffinity.callerOn(0));
          end.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "affinity-test");
      t.start();
      return t;
    });
    try {
      assertFalse(ThreadAffinity.callerOn(0), "the caller is back where it was");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (ThreadAffinity.threadsOn(0) < before + 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // At least: the JDK may start a process reaper there too, for taskset's second run.
      assertTrue(ThreadAffinity.threadsOn(0) >= before + 1, "the started thread counts");
    } finally {
      end.countDown();
      server.join();
    }
    assertTrue(startedOnCpu0.get(), "the thread started inside ran on CPU 0 alone");
  }
}
