package io.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.UserFacing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The one place exceptions become what a user reads: any {@link UserFacing} type, present or future. */
class ErrorReportTest {

  /** An exception type added later by another part of gen4j. */
  private static final class QuotaException extends RuntimeException implements UserFacing {
    QuotaException(String message) {
      super(message);
    }
  }

  /** A failed run rather than bad input. */
  private static final class RunLost extends RuntimeException implements UserFacing {
    RunLost(String message) {
      super(message);
    }

    @Override
    public Kind kind() {
      return Kind.FAILURE;
    }
  }

  private static String printed(Throwable error, boolean debug, int expectedStatus) {
    StringWriter err = new StringWriter();
    assertThat(ErrorReport.print(error, debug, new PrintWriter(err, true))).isEqualTo(expectedStatus);
    return err.toString();
  }

  @Test
  void aUserFacingMistakeIsItsMessageAndStatus2() {
    assertThat(printed(new QuotaException("runs/: disk full, 12 MB left"), false, 2))
        .isEqualTo("gen4j: runs/: disk full, 12 MB left\n");
  }

  @Test
  void aFailedRunIsStatus1() {
    assertThat(printed(new RunLost("step 7: d_loss is NaN"), false, 1)).isEqualTo("gen4j: step 7: d_loss is NaN\n");
  }

  @Test
  void aUserFacingCauseInsideAnotherExceptionIsFound() {
    RuntimeException wrapped = new RuntimeException("prefetch failed", new QuotaException("data.bin: truncated"));
    assertThat(printed(wrapped, false, 2)).isEqualTo("gen4j: data.bin: truncated\n");
  }

  @Test
  void onlyTheFirstLineOfAMessageIsShown() {
    assertThat(printed(new QuotaException("first line\nsecond line"), false, 2)).isEqualTo("gen4j: first line\n");
  }

  @Test
  void anythingElseIsOneLineNamingItsTypeAndPointingToDebug() {
    assertThat(printed(new UncheckedIOException("cannot write x", new java.io.IOException("boom")), false, 1))
        .isEqualTo("gen4j: unexpected error: java.io.UncheckedIOException: cannot write x (--debug shows the stack trace)\n");
  }

  @Test
  void debugPrintsTheTraceBeforeTheLine() {
    String printed = printed(new QuotaException("quota"), true, 2);
    assertThat(printed).startsWith(QuotaException.class.getName() + ": quota\n\tat ");
    assertThat(printed).endsWith("gen4j: quota\n");
  }
}
