/**
 * Tools the model can call: {@code @CohereTool} methods turned into v2 tool definitions
 * with strict JSON schemas, and their invocation.
 */
@NullMarked
package dev.springcohere.tool;

import org.jspecify.annotations.NullMarked;
