/**
 * CPU kernels: a Vector API implementation and a plain scalar reference of the same
 * operations.
 */
@NullMarked
package dev.springcohere.engine.cpu;

import org.jspecify.annotations.NullMarked;
