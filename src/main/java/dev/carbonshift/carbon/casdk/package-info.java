/** A self-hosted Green Software Foundation Carbon Aware SDK WebAPI as a carbon source. */
package dev.carbonshift.carbon.casdk;
