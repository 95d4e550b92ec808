package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the collector sinks named in {@code airbag.export.sinks}: {@link #otlp} and {@link #http}, then
 * {@link #start()} divides the spool budget evenly between them, starts their threads and returns them as one
 * {@link CollectorGroup} for the dispatcher. A sink whose spool directory cannot be used still delivers; it
 * only drops (and counts) what it cannot deliver. Not thread-safe; use once.
 */
public final class CollectorSinks {
  // The JDK's own switch; Airbag offers none, but says so when the JVM was started with it.
  private static final String HOSTNAME_CHECK_OFF = "jdk.internal.httpclient.disableHostnameVerification";

  private final DeliverySettings delivery;
  private final Clock clock;
  private final ExportLog log;
  private final List<Spec> specs = new ArrayList<>();

  public CollectorSinks(DeliverySettings delivery, Clock clock, ExportLog log) {
    this.delivery = delivery;
    this.clock = clock;
    this.log = log;
  }

  /** Adds the {@code otlp} sink: log records to {@code <endpoint>/v1/logs}, gzip as the collector allows. */
  public CollectorSinks otlp(OtlpProtocol protocol, CollectorSettings endpoint, ResourceInfo resource) {
    BatchEncoder encoder = protocol == OtlpProtocol.HTTP_JSON
        ? new OtlpJsonEncoder(resource) : new OtlpProtobufEncoder(resource);
    specs.add(new Spec("otlp", encoder, endpoint.withUrl(logsUrl(endpoint.url()))));
    return this;
  }

  /** Adds the generic {@code http} sink: each batch POSTed to the URL as a JSON array of events. */
  public CollectorSinks http(CollectorSettings url) {
    specs.add(new Spec("http", new JsonArrayEncoder(), url));
    return this;
  }

  /**
   * Opens spools, starts every sink's thread (which first sends what earlier runs spooled).
   *
   * @throws IllegalArgumentException when a trust store cannot be read; the message names its path only
   */
  public CollectorGroup start() {
    if (Boolean.getBoolean(HOSTNAME_CHECK_OFF) && !specs.isEmpty()) {
      log.warn("Airbag: the JVM runs with -D" + HOSTNAME_CHECK_OFF + "=true: collector host names are not verified");
    }
    List<CollectorSink> sinks = new ArrayList<>();
    long spoolShare = specs.isEmpty() ? 0 : delivery.spoolMaxBytes() / specs.size();
    for (Spec spec : specs) {
      sinks.add(build(spec, spoolShare));
    }
    sinks.forEach(CollectorSink::start);
    return new CollectorGroup(sinks, delivery.shutdownTimeout());
  }

  /** The OTLP/HTTP logs URL for a base endpoint, as the OTLP exporter spec derives it. */
  static URI logsUrl(URI endpoint) {
    String text = endpoint.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + "/v1/logs");
  }

  private CollectorSink build(Spec spec, long spoolBytes) {
    Transport transport;
    try {
      transport = new HttpTransport(spec.name, spec.collector);
    } catch (GeneralSecurityException | IOException e) {
      TrustStoreSettings store = spec.collector.trustStore();
      throw new IllegalArgumentException("collector sink '" + spec.name + "': cannot use trust store "
          + (store == null ? "(default)" : store.path()) + ": " + e.getClass().getSimpleName(), e);
    }
    Spool spool;
    try {
      spool = Spool.open(delivery.spoolDir(), spec.name, spoolBytes);
    } catch (UntrustedPathException e) {
      // One line, no stack: the operator's fix is a directory, not a bug report.
      log.warn("Airbag: collector sink '" + spec.name + "' refuses to spool under " + delivery.spoolDir() + ": "
          + e.getMessage() + "; nothing there is read or delivered, and while the collector is down events wait in"
          + " memory only (then are dropped and counted); set airbag.export.spool.dir to a directory only this user"
          + " can write");
      spool = Spool.disabled();
    } catch (IOException | RuntimeException e) {
      log.warn("Airbag: collector sink '" + spec.name + "' cannot spool under " + delivery.spoolDir() + " ("
          + e + "); while its collector is down, events will be dropped and counted");
      spool = Spool.disabled();
    }
    return new CollectorSink(spec.name, spec.encoder, transport, delivery, spec.collector.requestTimeout(), spool,
        clock, RandomSource.SYSTEM, log);
  }

  private static final class Spec {
    final String name;
    final BatchEncoder encoder;
    final CollectorSettings collector;

    Spec(String name, BatchEncoder encoder, CollectorSettings collector) {
      this.name = name;
      this.encoder = encoder;
      this.collector = collector;
    }
  }
}
