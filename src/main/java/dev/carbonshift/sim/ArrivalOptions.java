package dev.carbonshift.sim;

import java.time.Instant;

/**
 * How to turn a GAIA/Alibaba arrival trace ({@code arrival_time,length,cpus}) into jobs.
 *
 * @param start the instant arrival time 0 maps to
 * @param unitSeconds seconds per unit of {@code arrival_time} and {@code length} (1 for pai_1k,
 *     3600 for pai-100k); 0 guesses from the lengths
 * @param powerPerCpuWatts IT power per CPU of a job
 * @param slackHours deadline = arrival + length + slack
 * @param home region every job would run in without Carbonshift
 * @param interruptibleShare share of jobs (drawn with {@code seed}) that may be interrupted
 */
public record ArrivalOptions(
    Instant start,
    double unitSeconds,
    double powerPerCpuWatts,
    double slackHours,
    String home,
    double interruptibleShare,
    long seed) {}
