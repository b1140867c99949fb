package io.gen4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gen4j.train.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the run report in headless Chromium (Debian's {@code chromium}), with its warnings and an
 * evaluation: it loads with no console message, every image decodes, and a screenshot shows it. Skipped, with how to install it, where
 * Chromium is absent; CI installs it.
 */
class RunReportBrowserTest {

  /** Records, once the page has loaded, how many images it has and which did not render. */
  private static final String CHECK_SCRIPT = """
      <script>
      window.addEventListener('error', event => console.error('page error: ' + event.message));
      window.addEventListener('load', () => {
        const images = Array.from(document.images);
        const broken = images.filter(image => !image.complete || image.naturalWidth === 0).map(image => image.alt);
        document.body.setAttribute('data-images', String(images.length));
        document.body.setAttribute('data-broken', broken.join('|'));
      });
      </script>
      """;

  private static final Pattern IMAGES = Pattern.compile("data-images=\"(\\d+)\"");
  private static final Pattern BROKEN = Pattern.compile("data-broken=\"([^\"]*)\"");

  @TempDir static Path runs;

  private static Path chromium;
  private static RunDirectory run;

  @BeforeAll
  static void findChromiumAndWriteARun() throws IOException {
    Optional<Path> found = Stream.concat(
            Stream.of(Path.of("/usr/bin/chromium")),
            Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .flatMap(directory -> Stream.of(Path.of(directory, "chromium"), Path.of(directory, "chromium-browser"))))
        .filter(Files::isExecutable)
        .findFirst();
    if (found.isEmpty()) {
      Assumptions.abort("chromium not installed: apt-get install chromium");
    }
    chromium = found.get();
    run = ReportFixture.finishedRun(runs);
    Files.writeString(run.evaluationFile(), ReportFixture.EVALUATION);
    RunReport.rewrite(run.path());
  }

  @Test
  void reportLoadsWithoutConsoleMessagesAndEveryImageRenders(@TempDir Path profile) throws Exception {
    PageCheck check = check(run.reportFile(), profile);

    assertThat(check.consoleMessages()).as("console messages").isEmpty();
    // the metrics plot, the animation and four sample grids
    assertThat(check.images()).as("images on the page").isEqualTo(1 + 1 + 4);
    assertThat(check.broken()).as("images that did not render").isEmpty();
  }

  @Test
  void checkSeesBrokenAndBlockedImages(@TempDir Path directory, @TempDir Path profile) throws Exception {
    RunDirectory run = ReportFixture.startedRun(directory);
    RunReport.write(run, new RunStatus.Running(0, 40));
    String page = Files.readString(run.reportFile())
        .replace("<h2>Sample grids</h2>", "<h2>Sample grids</h2>"
            + "<img alt=\"corrupt\" src=\"data:image/png;base64,iVBORw0KGgoAAAAA\">"
            + "<img alt=\"remote\" src=\"http://127.0.0.1:9/grid.png\">");
    Path broken = directory.resolve("broken.html");
    Files.writeString(broken, page);

    PageCheck check = check(broken, profile);

    assertThat(check.images()).isEqualTo(2);
    assertThat(check.broken()).containsExactly("corrupt", "remote");
    // the content security policy refuses the remote image, and says so on the console
    assertThat(String.join("\n", check.consoleMessages())).contains("Content Security Policy");
  }

  @Test
  void screenshotShowsTheReport(@TempDir Path profile) throws Exception {
    Path screenshot = Path.of("target", "chromium", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);

    runChromium(profile, "--screenshot=" + screenshot, "--window-size=1200,2000", run.reportFile().toUri().toString());

    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(2000);
    // the plot's coloured series and the grey sample grids make a page of many colours, not a blank one
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(200);
  }

  /** What the browser saw: console lines, the number of images, the alt text of those that did not render. */
  private record PageCheck(List<String> consoleMessages, int images, List<String> broken) {}

  private static PageCheck check(Path page, Path profile) throws IOException, InterruptedException {
    Path checked = page.resolveSibling("checked-" + page.getFileName());
    Files.writeString(checked, Files.readString(page).replaceFirst("<head>", "<head>\n" + CHECK_SCRIPT));
    ChromiumOutput output = runChromium(profile, "--enable-logging=stderr", "--v=0", "--dump-dom", checked.toUri().toString());
    List<String> console = output.stderr().lines().filter(line -> line.contains(":CONSOLE")).toList();
    Matcher images = IMAGES.matcher(output.stdout());
    Matcher broken = BROKEN.matcher(output.stdout());
    assertThat(images.find() && broken.find())
        .as("the check script ran; chromium printed:%n%s%n%s", output.stdout(), output.stderr())
        .isTrue();
    List<String> brokenImages = broken.group(1).isEmpty() ? List.of() : List.of(broken.group(1).split("\\|"));
    return new PageCheck(console, Integer.parseInt(images.group(1)), brokenImages);
  }

  private record ChromiumOutput(String stdout, String stderr) {}

  private static ChromiumOutput runChromium(Path profile, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    command.addAll(List.of(arguments));
    Path stdout = Files.createTempFile(profile, "stdout", ".txt");
    Path stderr = Files.createTempFile(profile, "stderr", ".txt");
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + String.join(" ", command));
    }
    ChromiumOutput output = new ChromiumOutput(
        Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    assertThat(process.exitValue()).as("chromium's exit status; it printed:%n%s", output.stderr()).isZero();
    return output;
  }
}
