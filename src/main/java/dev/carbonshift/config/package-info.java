/**
 * Reading user input with positions: located YAML/JSON trees, field errors naming file, line and
 * field, durations, spelling suggestions.
 */
package dev.carbonshift.config;
