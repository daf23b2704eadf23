/**
 * Hugging Face tokenizers (through DJL's bundled Rust library) and Jinja chat templates
 * rendered as Hugging Face's {@code apply_chat_template} renders them.
 */
@NullMarked
package dev.springcohere.engine.tokenizer;

import org.jspecify.annotations.NullMarked;
