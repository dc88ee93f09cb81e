/** The WattTime API (marginal emissions) as a carbon source, with its login token. */
package dev.carbonshift.carbon.watttime;
