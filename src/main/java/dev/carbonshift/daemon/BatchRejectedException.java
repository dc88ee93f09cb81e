package dev.carbonshift.daemon;

import dev.carbonshift.config.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A batch of descriptors refused because some were invalid; none of the batch was stored. */
public class BatchRejectedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient List<InvalidInputException> errors;

  public BatchRejectedException(List<InvalidInputException> errors) {
    super(
        null,
        0,
        null,
        errors.stream().map(Throwable::getMessage).collect(Collectors.joining("\nerror: "))
            + (errors.size() > 1 ? "\n" + errors.size() + " descriptors are invalid" : "")
            + "; nothing was submitted");
    this.errors = List.copyOf(errors);
  }

  public List<InvalidInputException> errors() {
    return errors;
  }
}
