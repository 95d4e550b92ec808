package dev.airbag.agent.instrument.apache4.adapter;

import java.util.Map;
import org.apache.http.HttpVersion;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHttpResponse;

/** An answer Airbag makes up (an open circuit), shaped like the provider's; holds no connection. */
final class Apache4MadeUpResponse extends BasicHttpResponse implements CloseableHttpResponse {
  private Apache4MadeUpResponse(int status) {
    super(HttpVersion.HTTP_1_1, status, status == 503 ? "Service Unavailable" : "Airbag");
  }

  static Apache4MadeUpResponse of(int status, Map<String, String> headers, byte[] json) {
    Apache4MadeUpResponse response = new Apache4MadeUpResponse(status);
    headers.forEach(response::setHeader);
    response.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
    return response;
  }

  @Override
  public void close() {}
}
