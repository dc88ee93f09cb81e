/**
 * The command line (picocli): one class per verb, each getting its collaborators from the
 * composition root, talking to a running daemon when there is one.
 */
package dev.carbonshift.cli;
