package dev.carbonshift.daemon.api;

/** A refusal the API answers with its own problem document. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String slug;
  private final String title;

  private ApiException(int status, String slug, String title, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        413,
        "body-too-large",
        "Request body too large",
        "the body is larger than the limit of " + maxBytes + " bytes");
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail);
  }

  static ApiException notBuilt(String detail) {
    return new ApiException(501, "not-implemented", "Not implemented", detail);
  }

  Problem problem(String instance) {
    return Problem.of(slug, title, status, getMessage(), instance);
  }
}
