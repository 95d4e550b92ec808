package dev.airbag.agent.instrument.urlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {
  @Test
  void theHeadersAreThoseTheAppLeftInTheOrderItSetThem() {
    ConnectionSettings settings = new ConnectionSettings();
    settings.header("addRequestProperty", "Accept", "a");
    settings.header("setRequestProperty", "Authorization", "Bearer old");
    settings.header("addRequestProperty", "Accept", "b");
    settings.header("setRequestProperty", "authorization", "Bearer new");

    List<String> seen = new ArrayList<>();
    settings.forEach((name, value) -> seen.add(name + "=" + value));

    assertEquals(List.of("Accept=a", "Accept=b", "authorization=Bearer new"), seen);
    assertEquals("Bearer new", settings.first("Authorization"));
  }

  @Test
  void anAttemptCopiesTheAppsSettingsAndWritingABodyMakesAGetAPost() throws Exception {
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:9/v1/chat/completions").openConnection();
    app.setConnectTimeout(1234);
    app.setReadTimeout(5678);
    app.setInstanceFollowRedirects(false);
    ConnectionSettings settings = new ConnectionSettings();
    settings.header("setRequestProperty", "X-Team", "blue");
    settings.readFrom(app, (connection, into) -> true);

    HttpURLConnection attempt = settings.open(app.getURL(), true);

    assertEquals("POST", attempt.getRequestMethod());
    assertEquals(1234, attempt.getConnectTimeout());
    assertEquals(5678, attempt.getReadTimeout());
    assertEquals(false, attempt.getInstanceFollowRedirects());
    assertEquals("blue", attempt.getRequestProperty("X-Team"));
  }
}
