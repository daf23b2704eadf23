/**
 * Cohere's audio API ({@code /v2/audio/transcriptions}): speech-to-text.
 */
@NullMarked
package dev.springcohere.api.audio;

import org.jspecify.annotations.NullMarked;
