package dev.carbonshift.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Who may call what, and that the token leaks nowhere. */
class ApiSecurityTest {
  private static final String TOKEN = "s3cret-token-for-tests-0123456789";

  private static HttpResponse<String> post(ApiFixture f, String authorization) throws Exception {
    HttpRequest.Builder b =
        f.request("jobs")
            .header("Content-Type", "application/yaml")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    ApiFixture.descriptor("weather-seattle-train.yaml")));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return f.send(b);
  }

  @Test
  void binding_beyond_loopback_without_a_token_refuses_to_start() {
    ApiSettings open = ApiSettings.defaults().withBind("0.0.0.0").withPort(0);

    assertThatThrownBy(() -> new ApiFixture(open))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CARBONSHIFT_API_TOKEN")
        .hasMessageContaining("0.0.0.0");
  }

  @Test
  void with_a_token_mutating_calls_need_it_and_reads_do_not() throws Exception {
    try (ApiFixture f = new ApiFixture(ApiSettings.defaults().withPort(0).withToken(TOKEN))) {
      HttpResponse<String> none = post(f, null);
      HttpResponse<String> wrong = post(f, "Bearer not-the-token");
      HttpResponse<String> basic = post(f, "Basic " + TOKEN);
      HttpResponse<String> right = post(f, "Bearer " + TOKEN);
      HttpResponse<String> delete = f.send(f.request("jobs/whatever").DELETE());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .get()
          .asString()
          .startsWith("Bearer");
      assertThat(none.body())
          .contains("urn:carbonshift:problem:unauthorized")
          .doesNotContain(TOKEN);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(basic.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(201);
      assertThat(delete.statusCode()).isEqualTo(401);
      assertThat(f.get("jobs").statusCode()).isEqualTo(200);
      assertThat(f.store.jobs().all()).hasSize(1);
    }
  }

  @Test
  void a_token_in_requests_reaches_no_log_line_even_at_debug() throws Exception {
    Logger ours = (Logger) LoggerFactory.getLogger("dev.carbonshift");
    Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin");
    Level oursBefore = ours.getLevel();
    Level javalinBefore = javalin.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(lines);
    ours.setLevel(Level.DEBUG);
    javalin.setLevel(Level.DEBUG);
    try (ApiFixture f = new ApiFixture(ApiSettings.defaults().withPort(0).withToken(TOKEN))) {
      post(f, "Bearer " + TOKEN);
      post(f, "Bearer " + TOKEN + "x");
      f.send(
          f.request("jobs")
              .header("Authorization", "Bearer " + TOKEN)
              .POST(HttpRequest.BodyPublishers.ofString("name: [unclosed")));

      assertThat(lines.list).isNotEmpty();
      assertThat(lines.list)
          .noneMatch(
              e ->
                  e.getFormattedMessage().contains(TOKEN)
                      || Optional.ofNullable(e.getThrowableProxy())
                          .map(t -> String.valueOf(t.getMessage()).contains(TOKEN))
                          .orElse(false));
    } finally {
      root.detachAppender(lines);
      ours.setLevel(oursBefore);
      javalin.setLevel(javalinBefore);
    }
  }

  @Test
  void settings_refuse_impossible_values_naming_the_setting_and_hide_the_token() {
    assertThatThrownBy(() -> ApiSettings.defaults().withPort(70000))
        .hasMessageContaining("api port");
    assertThatThrownBy(() -> ApiSettings.defaults().withBind(" ")).hasMessageContaining("api bind");
    assertThatThrownBy(() -> ApiSettings.defaults().withMaxBodyBytes(0))
        .hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> ApiSettings.defaults().withToken("has space"))
        .hasMessageContaining("CARBONSHIFT_API_TOKEN");
    assertThat(ApiSettings.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN);
  }
}
