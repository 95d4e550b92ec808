package dev.airbag.it.noharm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * An ordinary multi-tenant openai-java app: tenant A's key is bad, tenant B's is good, and both ask the same
 * question moments apart, twice. Prints what each tenant got, and whether anything B's code can see (the answer,
 * its headers, or an exception's message and headers) contains A's key. Knows nothing of Airbag.
 * Args: baseUrl keyA keyB
 */
public final class TwoTenantsApp {
  private static final ChatCompletionCreateParams SAME_QUESTION = ChatCompletionCreateParams.builder()
      .model("gpt-4o").addUserMessage("Summarise loan application 42 for the underwriter.").build();

  public static void main(String[] args) {
    String keyA = args[1];
    OpenAIClient a = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey(keyA).build();
    OpenAIClient b = OpenAIOkHttpClient.builder().baseUrl(args[0]).apiKey(args[2]).build();
    int okB = 0;
    boolean leaked = false;
    for (int round = 0; round < 2; round++) {
      System.out.println("RESULT A " + seen(a).split("\n")[0]);
      String seenByB = seen(b);
      okB += seenByB.startsWith("ok") ? 1 : 0;
      leaked |= seenByB.contains(keyA);
      System.out.println("RESULT B " + seenByB.split("\n")[0]);
    }
    System.out.println("TENANT_B ok=" + okB + " saw_key_of_A=" + leaked);
    System.out.println("SUMMARY calls=2 ok=" + okB);
    a.close();
    b.close();
  }

  /** Everything the app's code gets from one call, first line "ok" or "error status=N". */
  private static String seen(OpenAIClient client) {
    try {
      var raw = client.chat().completions().withRawResponse().create(SAME_QUESTION);
      return "ok\n" + raw.headers().asMap() + "\n" + raw.parse();
    } catch (OpenAIServiceException e) {
      return "error status=" + e.statusCode() + "\n" + e + "\n" + e.getMessage() + "\n" + e.headers().asMap() + "\n" + e.body();
    } catch (RuntimeException e) {
      return "error type=" + e.getClass().getSimpleName() + "\n" + e;
    }
  }
}
