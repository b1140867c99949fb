package io.gen4j.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/** Sums the op times of traced runs by op type, for an {@link OpProfile}. */
final class OpTimes {

  /** {@code [allocator info] node = Type(inputs)}: the op type after Grappler and oneDNN rewrote the graph. */
  private static final Pattern TYPE = Pattern.compile(" = ([A-Za-z0-9_]+)\\(");

  private final Map<String, Double> nanosByType = new HashMap<>();

  /**
   * Adds every op of one traced run. Wall time is shared out among the ops running at each moment
   * (an interval when k ops ran counts 1/k for each), so that the times add up to the run's busy wall
   * time however many threads ran ops side by side.
   */
  void add(RunMetadata metadata) {
    List<Interval> intervals = new ArrayList<>();
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long start = node.getAllStartNanos() != 0
            ? node.getAllStartNanos() + node.getOpStartRelNanos()
            : (node.getAllStartMicros() + node.getOpStartRelMicros()) * 1000;
        long end = node.getAllStartNanos() != 0
            ? node.getAllStartNanos() + node.getOpEndRelNanos()
            : (node.getAllStartMicros() + node.getOpEndRelMicros()) * 1000;
        intervals.add(new Interval(type(node), start, Math.max(start, end)));
      }
    }
    share(intervals);
  }

  /** Sweeps the intervals' start and end points, sharing each stretch among the ops running in it. */
  private void share(List<Interval> intervals) {
    List<long[]> events = new ArrayList<>(); // {time, +1 start / -1 end, interval index}
    for (int i = 0; i < intervals.size(); i++) {
      events.add(new long[] {intervals.get(i).start(), 1, i});
      events.add(new long[] {intervals.get(i).end(), -1, i});
    }
    events.sort(Comparator.<long[]>comparingLong(event -> event[0]).thenComparingLong(event -> event[1]));
    Set<Integer> running = new LinkedHashSet<>();
    double[] shares = new double[intervals.size()];
    long previous = events.isEmpty() ? 0 : events.get(0)[0];
    for (long[] event : events) {
      long stretch = event[0] - previous;
      if (stretch > 0 && !running.isEmpty()) {
        double each = (double) stretch / running.size();
        for (int index : running) {
          shares[index] += each;
        }
      }
      previous = event[0];
      if (event[1] > 0) {
        running.add((int) event[2]);
      } else {
        running.remove((int) event[2]);
      }
    }
    for (int i = 0; i < shares.length; i++) {
      nanosByType.merge(intervals.get(i).type(), shares[i], Double::sum);
    }
  }

  private record Interval(String type, long start, long end) {}

  private static String type(NodeExecStats node) {
    Matcher matcher = TYPE.matcher(node.getTimelineLabel());
    return matcher.find() ? matcher.group(1) : "unknown";
  }

  /** The profile of {@code iterations} traced iterations, with the other figures given. */
  OpProfile profile(int iterations, long contractionFlops, double javaShare, double sessionCallShare,
      double sessionRunsPerIteration, double sessionCallMicros) {
    double total = nanosByType.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<OpCategory, Double> byCategory = new EnumMap<>(OpCategory.class);
    nanosByType.forEach((type, nanos) -> byCategory.merge(OpCategory.of(type), nanos, Double::sum));
    List<OpProfile.CategoryTime> categories = byCategory.entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.<OpCategory, Double>comparingByValue().reversed())
        .map(entry -> new OpProfile.CategoryTime(entry.getKey(), millis(entry.getValue(), iterations),
            share(entry.getValue(), total)))
        .toList();
    List<OpProfile.OpTypeTime> types = nanosByType.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(OpProfile.TOP_OP_TYPES)
        .map(entry -> new OpProfile.OpTypeTime(entry.getKey(), OpCategory.of(entry.getKey()),
            millis(entry.getValue(), iterations), share(entry.getValue(), total)))
        .toList();
    double contractionNanos = byCategory.getOrDefault(OpCategory.MATMUL, 0.0)
        + byCategory.getOrDefault(OpCategory.CONVOLUTION, 0.0);
    double contractionSeconds = contractionNanos / 1e9 / Math.max(1, iterations);
    return new OpProfile(iterations, millis(total, iterations), categories, types, contractionFlops,
        contractionSeconds == 0 ? 0 : contractionFlops / contractionSeconds / 1e9, javaShare, sessionCallShare,
        sessionRunsPerIteration, sessionCallMicros);
  }

  private static double millis(double nanos, int iterations) {
    return nanos / 1e6 / Math.max(1, iterations);
  }

  private static double share(double nanos, double total) {
    return total == 0 ? 0 : nanos / total;
  }
}
