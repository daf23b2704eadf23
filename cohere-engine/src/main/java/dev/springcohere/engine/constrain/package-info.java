/**
 * Schema-constrained decoding: compiles the JSON-Schema subset Cohere documents into a
 * byte-level grammar, and computes, for each step of a generation, which tokens of a
 * byte-level BPE vocabulary keep the output valid.
 */
@NullMarked
package dev.springcohere.engine.constrain;

import org.jspecify.annotations.NullMarked;
