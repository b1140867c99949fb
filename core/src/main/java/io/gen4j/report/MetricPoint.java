package io.gen4j.report;

/**
 * One logged value of a metrics series.
 *
 * @param step the step it was logged at
 * @param value the value
 */
public record MetricPoint(long step, double value) {}
