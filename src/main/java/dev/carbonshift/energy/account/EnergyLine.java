package dev.carbonshift.energy.account;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;

/**
 * IT energy of one component by one method, summed over its sensors.
 *
 * @param detail what was read or assumed, one sensor per line
 */
public record EnergyLine(Component component, Method method, double itKwh, String detail) {}
