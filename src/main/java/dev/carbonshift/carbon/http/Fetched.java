package dev.carbonshift.carbon.http;

/** The outcome of one HTTP fetch, retries included: a body, or a failure as a value. */
public sealed interface Fetched permits Fetched.Body, Fetched.Failed {

  /** A 2xx answer; a 204 has an empty body. */
  record Body(int status, String text) implements Fetched {
    public boolean noContent() {
      return status == 204 || text.isBlank();
    }
  }

  /**
   * A failed fetch.
   *
   * @param status the HTTP status, or 0 when no answer came (timeout, connection refused)
   * @param reason names the failure, e.g. {@code HTTP 401: Token unauthorized}, never a credential
   */
  record Failed(int status, String reason) implements Fetched {}
}
