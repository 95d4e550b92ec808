package dev.airbag.it.apps;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestTemplate;

/**
 * Spring's RestTemplate as an app builds it, on its default request factory (HttpURLConnection) or on Apache
 * HttpClient 5 ({@code HttpComponentsClientHttpRequestFactory}, which streams the body as a one-shot entity): POSTs
 * a JSON body and prints one RESULT line per call and a SUMMARY. Args: url json count [default|apache5]
 */
public final class RestTemplateApp {
  public static void main(String[] args) {
    RestTemplate rest = args.length > 3 && args[3].equals("apache5")
        ? new RestTemplate(new HttpComponentsClientHttpRequestFactory()) : new RestTemplate();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth("sk-test-resttemplate");
    int count = Integer.parseInt(args[2]);
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        ResponseEntity<String> response = rest.postForEntity(args[0], new HttpEntity<>(args[1], headers), String.class);
        String served = response.getHeaders().getFirst("x-airbag-served-model");
        System.out.println("RESULT status=" + response.getStatusCode().value() + " served_by="
            + (served == null ? "-" : served) + " body=" + String.valueOf(response.getBody()).replace('\n', ' '));
        ok++;
      } catch (HttpStatusCodeException e) {
        System.out.println("RESULT status=" + e.getStatusCode().value() + " error="
            + e.getResponseBodyAsString().replace('\n', ' '));
      } catch (RuntimeException e) {
        System.out.println("RESULT error type=" + e.getClass().getSimpleName());
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }
}
