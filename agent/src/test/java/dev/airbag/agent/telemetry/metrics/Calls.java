package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import java.nio.charset.StandardCharsets;

/** Short ways to make the requests and failures the binder hears about. */
public final class Calls {
  static final Endpoint OPENAI = Endpoint.onHost("openai", Provider.OPENAI, "api.openai.com", 443, "");
  static final Endpoint ANTHROPIC = Endpoint.onHost("anthropic", Provider.ANTHROPIC, "api.anthropic.com", 443, "");

  private Calls() {
  }

  static CallRequest request(Endpoint endpoint, String model) {
    String body = model == null ? "{\"messages\":[]}" : "{\"model\":\"" + model + "\",\"messages\":[]}";
    return CallRequest.of(endpoint, "POST", "https://" + endpoint.host() + "/v1/chat/completions",
        "/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), true, false, null);
  }

  public static CallRequest openai(String model) {
    return request(OPENAI, model);
  }

  public static CallRequest anthropic(String model) {
    return request(ANTHROPIC, model);
  }

  public static Classification failure(Category category) {
    return Classification.builder(category).httpStatus(429).detail("secret sk-canary-123").build();
  }
}
