package dev.springcohere.api.audio;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.UploadFile;

/**
 * A transcription request ({@code POST /v2/audio/transcriptions}): the audio file
 * (streamed), the model and the language, sent as {@code multipart/form-data}.
 *
 * @param model the model, such as {@code cohere-transcribe-03-2026}
 * @param language the ISO-639-1 code of the audio's language, such as {@code en}
 * @param file the audio file (flac, mp3, mpeg, mpga, ogg or wav)
 * @param temperature the sampling temperature between 0 and 1, or {@code null} for the
 * server default
 * @since 0.1.0
 */
public record TranscriptionRequest(String model, String language, UploadFile file, @Nullable Double temperature) {

	/**
	 * Checks the components.
	 */
	public TranscriptionRequest {
		Objects.requireNonNull(model, "'model' must not be null");
		Objects.requireNonNull(language, "'language' must not be null");
		Objects.requireNonNull(file, "'file' must not be null");
		if (temperature != null && (temperature < 0 || temperature > 1)) {
			throw new IllegalArgumentException(
					"A transcription temperature must be between 0 and 1 but was " + temperature);
		}
	}

	/**
	 * Returns a request with the server's default temperature.
	 * @param model the model
	 * @param language the language code
	 * @param file the audio file
	 * @return the request
	 */
	public static TranscriptionRequest of(String model, String language, UploadFile file) {
		return new TranscriptionRequest(model, language, file, null);
	}

}
