package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.cli.HardeningCliTest.Run;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.daemon.api.HttpApi;
import dev.carbonshift.daemon.api.JobsFolder;
import dev.carbonshift.daemon.api.StoreOnlyHooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dataset check at every door: {@code submit}, {@code POST /jobs} (with and without the
 * descriptor's file) and the jobs folder refuse the same descriptor with the same file:line:field
 * message, store nothing, and never echo the dataset's contents; a good one passes all of them. The
 * daemon's parts come from the composition root, as the daemon's do.
 */
class DatasetDoorsTest {
  static final Path PROJECT = HardeningCliTest.PROJECT;

  @TempDir Path work;

  private Path descriptor(String name, String path, String label) throws IOException {
    Files.copy(
        PROJECT.resolve("test-fixtures/train/gb-2019-12.csv"),
        work.resolve("gb.csv"),
        StandardCopyOption.REPLACE_EXISTING);
    Path f = work.resolve(name);
    Files.writeString(
        f,
        String.join(
            "\n",
            "name: t",
            "kind: train",
            "dataset:",
            "  path: " + path,
            "  timeColumn: Time",
            "  label: " + label,
            "  window: 4",
            "network: {type: mlp, layers: [8], learningRate: 0.01, epochs: 1}",
            "regions: [gb]",
            "home: gb",
            ""));
    return f;
  }

  private Carbonshift daemonParts() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("db", work.resolve("store").toString());
    flags.put("port", "0");
    flags.put("jobsFolder", work.resolve("inbox").toString());
    DaemonConfig config =
        DaemonConfig.load(
            Optional.empty(), Map.of(), flags, new DaemonConfig.Places(work, PROJECT));
    return Carbonshift.open(config, HardeningCliTest.CLOCK);
  }

  private static HttpResponse<String> post(int port, String text, Path sourceFile)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(text));
    if (sourceFile != null) {
      b.header(HttpApi.SOURCE_FILE_HEADER, sourceFile.toString());
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "escape by ..; ../../../../../../../../etc/passwd; Carbon Intensity; 4; dataset.path;"
            + " outside the dataset roots",
        "absolute; /etc/passwd; Carbon Intensity; 4; dataset.path; outside the dataset roots",
        "missing; nothere.csv; Carbon Intensity; 4; dataset.path; no such file",
        "no label column; gb.csv; Intensity; 6; dataset.label; no column 'Intensity'",
      })
  void every_door_refuses_the_same_dataset_with_the_same_file_line_and_field(
      String name, String path, String label, int line, String field, String what)
      throws Exception {
    Path job = descriptor("job.yaml", path, label);
    String text = Files.readString(job);
    String expected = field + ": ";

    Run cli = HardeningCliTest.run(work, Map.of(), "submit", "--db", "store", "job.yaml");
    assertThat(cli.exit()).as(cli.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(cli.err()).contains("job.yaml:" + line + ": " + expected).contains(what);

    try (Carbonshift cs = daemonParts()) {
      StoreOnlyHooks hooks = new StoreOnlyHooks(cs.jobs(), "test", "0", cs.clock());
      HttpApi api = cs.httpApi(hooks);
      int port = api.start();
      try {
        for (Path source : new Path[] {job.toAbsolutePath(), null}) {
          HttpResponse<String> r = post(port, text, source);
          JsonNode body = new ObjectMapper().readTree(r.body());
          assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
          JsonNode error = body.path("errors").get(0);
          // posted without its file, a relative path has no folder of its own: only the roots
          boolean rootsOnly = source == null && !path.startsWith("/");
          assertThat(error.path("field").asText())
              .as(r.body())
              .isEqualTo(rootsOnly ? "dataset.path" : field);
          assertThat(error.path("line").asInt()).as(r.body()).isEqualTo(rootsOnly ? 4 : line);
          assertThat(error.path("file").asText()).as(r.body()).isNotBlank();
          assertThat(error.path("message").asText())
              .as(r.body())
              .contains(rootsOnly ? "outside the dataset roots" : what);
          assertThat(r.body()).doesNotContain("root:").doesNotContain("Time,");
        }
      } finally {
        api.stop();
      }

      Path inbox = Files.createDirectories(work.resolve("inbox"));
      Files.copy(work.resolve("gb.csv"), inbox.resolve("gb.csv"));
      Path dropped = Files.writeString(inbox.resolve("job.yaml"), text);
      Files.setLastModifiedTime(
          dropped, FileTime.from(HardeningCliTest.CLOCK.instant().minusSeconds(60)));
      JobsFolder folder = cs.jobsFolder(hooks).orElseThrow();
      JobsFolder.Scan scan = folder.scanOnce();
      assertThat(scan.accepted()).isEmpty();
      assertThat(scan.rejected()).hasSize(1);
      JobsFolder.Rejected rejected = scan.rejected().get(0);
      assertThat(rejected.error()).contains("job.yaml:" + line + ": " + expected).contains(what);
      assertThat(rejected.movedTo()).isEqualTo(inbox.resolve("rejected/job.yaml")).exists();
      assertThat(rejected.errorFile()).content().contains(expected).doesNotContain("root:");
      assertThat(dropped).doesNotExist();

      assertThat(cs.jobs().all()).as("nothing stored by any door").isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void a_good_dataset_passes_every_door() throws Exception {
    Path job = descriptor("job.yaml", "gb.csv", "Carbon Intensity");
    String text = Files.readString(job);

    Run cli = HardeningCliTest.run(work, Map.of(), "submit", "--db", "store", "job.yaml");
    assertThat(cli.exit()).as(cli.err()).isZero();

    try (Carbonshift cs = daemonParts()) {
      StoreOnlyHooks hooks = new StoreOnlyHooks(cs.jobs(), "test", "0", cs.clock());
      HttpApi api = cs.httpApi(hooks);
      int port = api.start();
      try {
        HttpResponse<String> r = post(port, text, job.toAbsolutePath());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      } finally {
        api.stop();
      }
      Path inbox = Files.createDirectories(work.resolve("inbox"));
      Files.copy(work.resolve("gb.csv"), inbox.resolve("gb.csv"));
      Path dropped = Files.writeString(inbox.resolve("job.yaml"), text);
      Files.setLastModifiedTime(
          dropped, FileTime.from(HardeningCliTest.CLOCK.instant().minusSeconds(60)));
      JobsFolder.Scan scan = cs.jobsFolder(hooks).orElseThrow().scanOnce();
      assertThat(scan.rejected()).as(scan.toString()).isEmpty();
      assertThat(scan.accepted()).hasSize(1);

      assertThat(cs.jobs().all()).hasSize(3);
    }
  }
}
