/** Which meters this machine can offer, best first, and the options that choose among them. */
package dev.carbonshift.energy.detect;
