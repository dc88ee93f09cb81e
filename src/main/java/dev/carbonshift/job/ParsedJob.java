package dev.carbonshift.job;

import java.nio.file.Path;

/**
 * A validated descriptor with the text it came from, so the store keeps it exactly as submitted.
 *
 * @param file where it was read from, or null for text posted directly
 * @param format {@code yaml} or {@code json}
 */
public record ParsedJob(JobSpec spec, String text, String format, Path file) {}
