package dev.airbag.it.apps;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Threads that die of exceptions nobody handles, in each way a JVM allows. Knows nothing of Airbag.
 * Args: mode (none|default|per-thread|virtual|wait-for-label) [goFile]
 */
public final class DyingThreadsApp {
  static int handlerCalls;

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    switch (mode) {
      case "none":
        die("plain");
        break;
      case "default":
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
          handlerCalls++;
          System.out.println("DEFAULT HANDLER " + error.getMessage());
        });
        die("with default handler");
        break;
      case "per-thread":
        Thread thread = new Thread(DyingThreadsApp::failOrder, "order-worker");
        thread.setUncaughtExceptionHandler((t, error) -> {
          handlerCalls++;
          System.out.println("THREAD HANDLER " + error.getMessage());
        });
        thread.start();
        thread.join();
        break;
      case "virtual":
        // Thread.ofVirtual() is JDK 21 API; reached by reflection so that the app compiles for 17.
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        ((Thread) start.invoke(builder, (Runnable) DyingThreadsApp::failOrder)).join();
        break;
      case "wait-for-label":
        die("first occurrence");
        Path go = Paths.get(args[1]);
        for (int i = 0; i < 600 && !Files.exists(go); i++) {
          Thread.sleep(100);
        }
        die("second occurrence");
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
    System.out.println("HANDLER CALLS " + handlerCalls);
    System.out.println("APP DONE");
  }

  private static void die(String why) throws InterruptedException {
    Thread thread = new Thread(DyingThreadsApp::failOrder, "order-worker");
    thread.start();
    thread.join();
  }

  static void failOrder() {
    throw new IllegalStateException("order 4711 could not be priced");
  }
}
