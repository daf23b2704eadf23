/**
 * Model checkpoints: {@code config.json} in both key layouts, safetensors files
 * memory-mapped with FFM, and validated weight lookup.
 */
@NullMarked
package dev.springcohere.engine.model;

import org.jspecify.annotations.NullMarked;
