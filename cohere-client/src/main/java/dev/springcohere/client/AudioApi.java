package dev.springcohere.client;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.audio.TranscriptionRequest;
import dev.springcohere.api.audio.TranscriptionResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;
import dev.springcohere.http.MultipartBody;

/**
 * Cohere's audio API ({@code /v2/audio/transcriptions}): speech to text, the audio file
 * streamed as a multipart upload. <pre>{@code
 * String text = client.audio().transcribe(TranscriptionRequest.of("cohere-transcribe-03-2026", "en",
 *     UploadFile.of(Path.of("meeting.mp3")))).text();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AudioApi extends PlatformApiView<AudioApi> {

	AudioApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	AudioApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new AudioApi(backend, options, rawSink);
	}

	/**
	 * Transcribes an audio file; blocks.
	 * @param request the model, language and file
	 * @return the text
	 */
	public TranscriptionResponse transcribe(TranscriptionRequest request) {
		return call(transcribeCall(request));
	}

	/**
	 * Reactive form of {@link #transcribe(TranscriptionRequest)}.
	 * @param request the request
	 * @return a {@code Mono} of the text
	 */
	public Mono<TranscriptionResponse> transcribeAsync(TranscriptionRequest request) {
		return callAsync(transcribeCall(request));
	}

	private static PlatformCall<TranscriptionResponse> transcribeCall(TranscriptionRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		MultipartBody.Builder body = MultipartBody.builder()
			.text("model", request.model())
			.text("language", request.language());
		if (request.temperature() != null) {
			body.text("temperature", request.temperature().toString());
		}
		body.part(part("file", request.file()));
		return new PlatformCall<>(Capability.AUDIO, "create-transcription", "POST", "/v2/audio/transcriptions", null,
				body.build(), TranscriptionResponse.class, RequestOptions.none());
	}

}
