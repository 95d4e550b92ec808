package dev.airbag.bench.apps;

/** The start-up benchmark's hello world: its first line is what the driver waits for. */
public final class HelloApp {
  private HelloApp() {
  }

  public static void main(String[] args) {
    System.out.println("hello, world");
  }
}
