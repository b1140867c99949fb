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
 * evaluation, at 1280 and 1920 pixels wide: it loads with no console message, every image decodes, no
 * two tick labels of an axis overlap (their rendered boxes are compared), the charts stand side by side
 * with their x-axes alike, and screenshots ({@code target/chromium/report-<width>.png}) show it. Skipped, with how to install it, where
 * Chromium is absent; CI installs it.
 */
class RunReportBrowserTest {

  /**
   * Records, once the page has loaded: how many images it has and which did not render; the pairs of
   * tick labels of one axis whose boxes overlap (measured as rendered); how many metrics panels share
   * the first panel's row; the distinct rendered widths of the charts' x-axes.
   */
  private static final String CHECK_SCRIPT = """
      <script>
      window.addEventListener('error', event => console.error('page error: ' + event.message));
      window.addEventListener('load', () => {
        const images = Array.from(document.images);
        const broken = images.filter(image => !image.complete || image.naturalWidth === 0).map(image => image.alt);
        const overlaps = [];
        let labels = 0;
        document.querySelectorAll('svg.chart').forEach((chart, index) => {
          for (const axis of ['x', 'y']) {
            const boxes = Array.from(chart.querySelectorAll('text.tick.' + axis)).map(text => [text.textContent, text.getBoundingClientRect()]);
            labels += boxes.length;
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i][1], b = boxes[j][1];
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
                  overlaps.push('chart ' + index + ' ' + axis + ': ' + boxes[i][0] + '/' + boxes[j][0]);
                }
              }
            }
          }
        });
        const panels = Array.from(document.querySelectorAll('.panel')).map(panel => panel.getBoundingClientRect());
        const firstRow = panels.filter(panel => Math.abs(panel.top - panels[0].top) < 1).length;
        const axes = new Set(Array.from(document.querySelectorAll('.panel svg.chart line.x-axis'))
            .map(line => { const box = line.getBoundingClientRect(); return Math.round(box.left - line.ownerSVGElement.getBoundingClientRect().left) + ':' + Math.round(box.width); }));
        document.body.setAttribute('data-images', String(images.length));
        document.body.setAttribute('data-broken', broken.join('|'));
        document.body.setAttribute('data-labels', String(labels));
        document.body.setAttribute('data-overlaps', overlaps.join('|'));
        document.body.setAttribute('data-first-row', String(firstRow));
        document.body.setAttribute('data-axes', Array.from(axes).join('|'));
      });
      </script>
      """;

  private static final Pattern IMAGES = Pattern.compile("data-images=\"(\\d+)\"");
  private static final Pattern BROKEN = Pattern.compile("data-broken=\"([^\"]*)\"");
  private static final Pattern LABELS = Pattern.compile("data-labels=\"(\\d+)\"");
  private static final Pattern OVERLAPS = Pattern.compile("data-overlaps=\"([^\"]*)\"");
  private static final Pattern FIRST_ROW = Pattern.compile("data-first-row=\"(\\d+)\"");
  private static final Pattern AXES = Pattern.compile("data-axes=\"([^\"]*)\"");

  /** The window widths the report is checked at. */
  private static final List<Integer> WIDTHS = List.of(1280, 1920);

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
  void reportLoadsWithoutConsoleMessagesAndEveryImageAndChartRendersAtBothWidths(@TempDir Path profile) throws Exception {
    for (int width : WIDTHS) {
      PageCheck check = check(run.reportFile(), profile, width);

      assertThat(check.consoleMessages()).as("console messages at %d px", width).isEmpty();
      // the animation and five sample grids (step 0 to 40)
      assertThat(check.images()).as("images on the page at %d px", width).isEqualTo(1 + 5);
      assertThat(check.broken()).as("images that did not render at %d px", width).isEmpty();
      assertThat(check.labels()).as("tick labels at %d px", width).isGreaterThan(20);
      assertThat(check.overlaps()).as("overlapping tick labels at %d px", width).isEmpty();
      // wide windows put the charts side by side, and every chart's x-axis is drawn alike
      assertThat(check.panelsInFirstRow()).as("charts side by side at %d px", width).isGreaterThanOrEqualTo(2);
      assertThat(check.axes()).as("x-axes (left:width) at %d px", width).hasSize(1);
    }
  }

  @Test
  void checkSeesOverlappingLabelsBrokenAndBlockedImages(@TempDir Path directory, @TempDir Path profile) throws Exception {
    RunDirectory run = ReportFixture.startedRun(directory);
    RunReport.write(run, new RunStatus.Running(0, 40));
    String page = Files.readString(run.reportFile())
        .replace("<h2>Sample grids</h2>", "<h2>Sample grids</h2>"
            + "<img alt=\"corrupt\" src=\"data:image/png;base64,iVBORw0KGgoAAAAA\">"
            + "<img alt=\"remote\" src=\"http://127.0.0.1:9/grid.png\">"
            + "<svg class=\"chart\" viewBox=\"0 0 100 20\"><text class=\"tick x\" x=\"10\" y=\"10\">1000</text>"
            + "<text class=\"tick x\" x=\"14\" y=\"10\">2000</text></svg>");
    Path broken = directory.resolve("broken.html");
    Files.writeString(broken, page);

    PageCheck check = check(broken, profile, 1280);

    assertThat(check.images()).isEqualTo(2);
    assertThat(check.broken()).containsExactly("corrupt", "remote");
    assertThat(check.overlaps()).containsExactly("chart 0 x: 1000/2000");
    // the content security policy refuses the remote image, and says so on the console
    assertThat(String.join("\n", check.consoleMessages())).contains("Content Security Policy");
  }

  @Test
  void screenshotsShowTheReportAtBothWidths(@TempDir Path profile) throws Exception {
    for (int width : WIDTHS) {
      Path screenshot = Path.of("target", "chromium", "report-" + width + ".png").toAbsolutePath();
      Files.createDirectories(screenshot.getParent());
      Files.deleteIfExists(screenshot);

      runChromium(profile, "--screenshot=" + screenshot, "--window-size=" + width + ",2400", run.reportFile().toUri().toString());

      BufferedImage image = ImageIO.read(screenshot.toFile());
      assertThat(image.getWidth()).isEqualTo(width);
      assertThat(image.getHeight()).isEqualTo(2400);
      // the charts' coloured series and the grey sample grids make a page of many colours, not a blank one
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          colours.add(image.getRGB(x, y) & 0xffffff);
        }
      }
      assertThat(colours.size()).as("distinct colours in the %d px screenshot", width).isGreaterThan(200);
    }
  }

  /** What the browser saw: console lines, images, broken images, tick labels and overlaps, the layout. */
  private record PageCheck(
      List<String> consoleMessages, int images, List<String> broken, int labels, List<String> overlaps,
      int panelsInFirstRow, List<String> axes) {}

  private static PageCheck check(Path page, Path profile, int width) throws IOException, InterruptedException {
    Path checked = page.resolveSibling("checked-" + page.getFileName());
    Files.writeString(checked, Files.readString(page).replaceFirst("<head>", "<head>\n" + CHECK_SCRIPT));
    ChromiumOutput output = runChromium(profile, "--enable-logging=stderr", "--v=0", "--window-size=" + width + ",2400",
        "--dump-dom", checked.toUri().toString());
    List<String> console = output.stderr().lines().filter(line -> line.contains(":CONSOLE")).toList();
    Matcher images = IMAGES.matcher(output.stdout());
    Matcher broken = BROKEN.matcher(output.stdout());
    assertThat(images.find() && broken.find())
        .as("the check script ran; chromium printed:%n%s%n%s", output.stdout(), output.stderr())
        .isTrue();
    Matcher labels = LABELS.matcher(output.stdout());
    Matcher overlaps = OVERLAPS.matcher(output.stdout());
    Matcher firstRow = FIRST_ROW.matcher(output.stdout());
    Matcher axes = AXES.matcher(output.stdout());
    assertThat(labels.find() && overlaps.find() && firstRow.find() && axes.find()).isTrue();
    return new PageCheck(console, Integer.parseInt(images.group(1)), split(broken.group(1)),
        Integer.parseInt(labels.group(1)), split(overlaps.group(1)), Integer.parseInt(firstRow.group(1)),
        split(axes.group(1)));
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split("\\|"));
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
