/**
 * Reaching networked carbon sources: endpoints and settings, the bounded HTTP fetcher (timeouts,
 * size limit, retries with Retry-After, circuit breaker, no cross-host credentials, redaction), and
 * the SourceFactory each source ships.
 */
package dev.carbonshift.carbon.http;
