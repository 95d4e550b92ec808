package dev.airbag.it.apps;

/** Prints a line and exits: shows that the app starts, whatever the agent's configuration. */
public final class HelloApp {
  public static void main(String[] args) {
    System.out.println("HELLO from the app");
  }
}
