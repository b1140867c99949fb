package io.gen4j.cli;

import io.gen4j.Gen4j;
import io.gen4j.train.LikelihoodEstimate;
import io.gen4j.train.LikelihoodEstimator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j nll --run DIR [--k 500]}: the test negative ELBO and the importance-sampled NLL. */
@Command(
    name = "nll",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Estimate a run's test-set negative log-likelihood by importance sampling (the IWAE bound, k samples"
        + " per image), with its negative ELBO on the same observations; for models with an inference network (vae).",
    footerHeading = HelpText.EXAMPLES,
    footer = {
      "  gen4j nll --run runs/vae-mnist-20250101-120000",
      "  gen4j nll --run runs/vae-mnist-20250101-120000 --k 5000 --limit 1000",
      HelpText.REFERENCE
    })
final class NllCommand implements Callable<Integer> {

  /** The score a model reports in bits per dimension rather than nats (the VAE's, with a continuous likelihood). */
  static final String BITS_PER_DIMENSION = "bits_per_dim";

  private final Supplier<Gen4j> gen4j;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory (required; no default).")
  private Path run;

  @CommandLine.Option(names = "--k", defaultValue = "" + LikelihoodEstimator.DEFAULT_SAMPLES, paramLabel = "K",
      description = "Importance samples per image (default: ${DEFAULT-VALUE}).")
  private int samples;

  @CommandLine.Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      description = "Score only the first N test images (default: all).")
  private int limit;

  @CommandLine.Option(names = "--seed", paramLabel = "SEED",
      description = "Seed of the observations and draws (default: the run's seed).")
  private Long seed;

  NllCommand(Supplier<Gen4j> gen4j) {
    this.gen4j = gen4j;
  }

  @Override
  public Integer call() {
    long chosenSeed = seed != null ? seed : gen4j.get().experiments().runConfig(run).seed();
    long start = System.nanoTime();
    LikelihoodEstimate estimate = gen4j.get().likelihoodEstimator().estimate(run, samples, limit, chosenSeed);
    double seconds = (System.nanoTime() - start) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %d images, %s, checkpoint at step %d%n", estimate.dataset(), estimate.images(),
        estimate.protocol(), estimate.step());
    for (Map.Entry<String, Double> score : estimate.scores().entrySet()) {
      boolean bits = score.getKey().equals(BITS_PER_DIMENSION);
      out.printf(Locale.ROOT, bits ? "%-15s %9.4f bits/dim%n" : "%-15s %9.2f nats%n", score.getKey(), score.getValue());
    }
    out.printf(Locale.ROOT, "%-15s %9.2f nats (IWAE bound, k=%d; standard error over images %.2f)%n", "nll",
        estimate.negativeLogLikelihood(), estimate.samples(), estimate.standardError());
    out.printf(Locale.ROOT, "%-15s %9.4f bits/dim (the same, over %d values per image)%n", "nll",
        estimate.bitsPerDimension(), estimate.dimensions());
    out.printf(Locale.ROOT, "time: %.0f s%n", seconds);
    out.flush();
    return 0;
  }
}
