package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.classify.Observation;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a streamed answer that goes wrong after it reached the app: one {@code stream_interrupted} record, with the
 * bytes delivered, whichever of a broken connection or an error event comes first. Thread-safe.
 */
final class StreamReporter implements StreamMonitor {
  private final CallPipeline pipeline;
  private final CallRecord served;
  private final AtomicBoolean reported = new AtomicBoolean();

  StreamReporter(CallPipeline pipeline, CallRecord served) {
    this.pipeline = pipeline;
    this.served = served;
  }

  @Override
  public void onErrorEvent(byte[] eventData, long bytesDelivered) {
    Classification failure = pipeline.classifier.classify(served.request().endpoint().provider(),
        Observation.streamError(200, HeaderLookup.NONE, eventData));
    report(failure, bytesDelivered, "error event inside the stream");
  }

  @Override
  public void onBroken(IOException failure, long bytesDelivered) {
    Classification classified = pipeline.classifier.classify(served.request().endpoint().provider(),
        Observation.exception(failure, Observation.Phase.STREAM));
    report(classified, bytesDelivered, "stream broke after it reached the app; not retried");
  }

  private void report(Classification failure, long bytesDelivered, String note) {
    if (!reported.compareAndSet(false, true)) {
      return;
    }
    CallRecord.Builder record = CallRecord.builder(served.request(), served.startMillis())
        .outcome(Outcome.STREAM_INTERRUPTED)
        .failure(failure)
        .servedModel(served.servedModel())
        .durationNanos(served.durationNanos())
        .bytesDelivered(bytesDelivered)
        .threadName(Thread.currentThread().getName())
        .sameAttemptsAs(served)
        .note(note);
    pipeline.listener.onCallFinished(record.build());
  }
}
