package dev.carbonshift.energy;

/** A part of the machine whose energy is measured or modelled separately. */
public enum Component {
  CPU,
  GPU,
  RAM
}
