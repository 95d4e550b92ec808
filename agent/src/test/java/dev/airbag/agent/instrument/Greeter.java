package dev.airbag.agent.instrument;

/** A class for {@link InstrumentationModuleTest} to hook, as a module hooks a client's. */
public class Greeter {
  public int waves;

  public String greet(String name) {
    return "hello " + name;
  }

  public void wave() {
    waves++;
  }
}
