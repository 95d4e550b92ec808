package dev.airbag.it.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** An embedded Tomcat (jakarta) whose servlet throws; the app calls itself once. Knows nothing of Airbag. */
public final class ServletApp {
  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(0);
    tomcat.setBaseDir(args[0]);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "loans", new HttpServlet() {
      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        throw new IllegalStateException("loan 42 could not be scored");
      }
    });
    context.addServletMappingDecoded("/loans/*", "loans");
    tomcat.getConnector();
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();
    HttpURLConnection connection = (HttpURLConnection) new URL(
        "http://127.0.0.1:" + port + "/loans/42/score?token=sk-querysecret123456789").openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.getOutputStream().write("{\"applicant\":\"Ada\"}".getBytes());
    System.out.println("STATUS " + connection.getResponseCode());
    tomcat.stop();
    tomcat.destroy();
  }
}
