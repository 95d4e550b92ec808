package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One JSON check for every adapter, answering as a lower-cased copy of the header would. */
class JsonContentTypeTest {
  @Test
  void jsonInAnyCaseAndAnyMediaTypeThatNamesItCounts() {
    String[] types = {"application/json", "Application/JSON; charset=UTF-8", "application/vnd.api+json", "json",
        "text/plain", "application/x-www-form-urlencoded", "jso", "", "application/j\u017fon", "\u0130SON",
        "application/JsOn"};
    for (String type : types) {
      assertEquals(type.toLowerCase(Locale.ROOT).contains("json"), JsonContentType.named(type), type);
    }
    assertEquals(false, JsonContentType.named(null));
  }
}
