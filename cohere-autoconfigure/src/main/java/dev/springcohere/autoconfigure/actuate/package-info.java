/**
 * Actuator support: keeping springcohere's secrets out of {@code /actuator/env} and
 * {@code /actuator/configprops}.
 */
@NullMarked
package dev.springcohere.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
