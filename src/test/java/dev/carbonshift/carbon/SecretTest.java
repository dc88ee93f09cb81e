package dev.carbonshift.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void a_secret_hides_its_value_in_string_forms_and_redacts_it_from_text() {
    Secret s = Secret.ofNullable("abc-123");

    assertThat(s.toString()).isEqualTo("***");
    assertThat(String.valueOf(java.util.List.of(s))).doesNotContain("abc-123");
    assertThat(s.redact("HTTP 401: token abc-123 rejected"))
        .isEqualTo("HTTP 401: token *** rejected");
  }

  @Test
  void redaction_catches_the_secret_in_any_case() {
    Secret s = Secret.ofNullable("abc-Token-123");

    assertThat(Secret.redactAll("echo ABC-TOKEN-123 and abc-token-123", java.util.List.of(s)))
        .isEqualTo("echo *** and ***");
    assertThat(s.redact("echo ABC-TOKEN-123")).isEqualTo("echo ***");
  }

  @Test
  void a_blank_credential_is_absent() {
    assertThat(Secret.ofNullable("  ")).isNull();
    assertThat(Secret.ofNullable(null)).isNull();
  }
}
