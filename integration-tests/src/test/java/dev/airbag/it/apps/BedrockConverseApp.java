package dev.airbag.it.apps;

import java.net.URI;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * An app on the AWS SDK's Bedrock runtime, as its documentation builds one: Converse calls on one client with its
 * defaults (its own retries, SigV4 signing), against an endpoint override. One RESULT line per call and a SUMMARY.
 * Args: base-url model count http-client(apache5|apache4|netty: the async client) [api(converse|invoke|stream)]:
 * InvokeModel sends an Anthropic Messages body; ConverseStream (the async client only) reads the streamed text.
 */
public final class BedrockConverseApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    String model = args[1];
    int count = Integer.parseInt(args[2]);
    String api = args.length > 4 ? args[4] : "converse";
    SdkHttpClient http = "apache4".equals(args[3]) ? ApacheHttpClient.builder().build()
        : Apache5HttpClient.builder().build();
    int ok = 0;
    if ("netty".equals(args[3])) {
      asyncOnNetty(baseUrl, model, count, "stream".equals(api));
      return;
    }
    try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
        .endpointOverride(URI.create(baseUrl))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAIRBAGTEST",
            "airbag-test-secret-key")))
        .httpClient(http)
        .build()) {
      for (int i = 0; i < count; i++) {
        try {
          if ("invoke".equals(api)) {
            InvokeModelResponse response = client.invokeModel(request -> request.modelId(model)
                .contentType("application/json").accept("application/json").body(SdkBytes.fromUtf8String(
                    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
            System.out.println("RESULT ok body=" + response.body().asUtf8String().length() + "B");
          } else {
            ConverseResponse response = client.converse(request -> request.modelId(model).messages(
                Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("hi")).build()));
            System.out.println("RESULT ok stop=" + response.stopReasonAsString() + " text="
                + response.output().message().content().get(0).text());
          }
          ok++;
        } catch (SdkException e) {
          System.out.println("RESULT error type=" + e.getClass().getSimpleName() + " retryable=" + e.retryable());
        }
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  /**
   * The asynchronous client on its default HTTP client, Netty: the same Converse calls, or ConverseStream calls, one
   * after another.
   */
  private static void asyncOnNetty(String baseUrl, String model, int count, boolean stream) {
    int ok = 0;
    try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
        .endpointOverride(URI.create(baseUrl))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAIRBAGTEST",
            "airbag-test-secret-key")))
        // The loopback fault server speaks HTTP/1.1; the SDK would ask Bedrock for h2.
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .build()) {
      for (int i = 0; i < count; i++) {
        try {
          Message hi = Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("hi")).build();
          if (stream) {
            StringBuilder text = new StringBuilder();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                    .onContentBlockDelta(delta -> text.append(delta.delta().text()))
                    .build())
                .build();
            client.converseStream(request -> request.modelId(model).messages(hi), handler).join();
            System.out.println("RESULT ok streamed=" + text);
          } else {
            ConverseResponse response = client.converse(request -> request.modelId(model).messages(hi)).join();
            System.out.println("RESULT ok stop=" + response.stopReasonAsString());
          }
          ok++;
        } catch (CompletionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          System.out.println("RESULT error type=" + cause.getClass().getSimpleName());
        }
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }
}
