package io.gen4j.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@link BenchReport}s as JSON: what {@code gen4j bench --json FILE} writes. */
public final class BenchJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private BenchJson() {}

  /** The report as indented JSON. */
  public static String toJson(BenchReport report) {
    requireNonNull(report, "report is null");
    try {
      return MAPPER.writeValueAsString(report) + System.lineSeparator();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report as JSON: " + e.getMessage(), e);
    }
  }

  /** Writes the report to {@code file}, replacing it. */
  public static void write(BenchReport report, Path file) {
    requireNonNull(file, "file is null");
    try {
      Files.writeString(file, toJson(report));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a report {@link #write} wrote. */
  public static BenchReport read(Path file) {
    requireNonNull(file, "file is null");
    try {
      return MAPPER.readValue(file.toFile(), BenchReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read benchmark report " + file + ": " + e.getMessage(), e);
    }
  }
}
