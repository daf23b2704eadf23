/**
 * Spring Boot health indicators of the Cohere backends.
 */
@NullMarked
package dev.springcohere.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
