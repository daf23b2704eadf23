package dev.springcohere.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.PageRequest;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.batches.Batch;
import dev.springcohere.api.batches.BatchStatus;
import dev.springcohere.api.embedjobs.EmbedJob;
import dev.springcohere.api.embedjobs.EmbedJobStatus;
import dev.springcohere.api.error.CohereJobFailedException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CohereTimeoutException;
import dev.springcohere.api.error.CohereWaitTimeoutException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.api.finetuning.BaseModel;
import dev.springcohere.api.finetuning.BaseType;
import dev.springcohere.api.finetuning.FinetunedModel;
import dev.springcohere.api.finetuning.Settings;
import dev.springcohere.api.finetuning.WandbConfig;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour the platform API views share: per-call options, raw responses, unknown
 * fields sent and kept, unsupported backends, the waits for embed jobs and batches, and
 * fine-tuned model ids used as model names.
 */
class PlatformApiViewTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final WaitOptions FAST = new WaitOptions(Duration.ofSeconds(5), Duration.ofMillis(10),
			Duration.ofMillis(40));

	private final CohereClient client = CohereClient.builder()
		.apiKey("view-tests-key")
		.baseUrl(server.baseUrl())
		.environment((name) -> null)
		.retryPolicy(CohereRetryPolicy.none())
		.readTimeout(Duration.ofSeconds(10))
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void optionsAddHeadersToEveryCallOfTheView() {
		server.stubFor(get("/v1/finetuning/finetuned-models/ft-1")
			.willReturn(okJson("{\"finetuned_model\":{\"id\":\"ft-1\"}}")));
		FineTuningApi fineTuning = this.client.fineTuning()
			.withOptions(RequestOptions.builder().header("X-Request-Source", "nightly").build());
		assertThat(fineTuning.get("ft-1").id()).isEqualTo("ft-1");
		assertThat(fineTuning.getAsync("ft-1").block(Duration.ofSeconds(5)).id()).isEqualTo("ft-1");
		server.verify(2,
				getRequestedFor(urlEqualTo("/v1/finetuning/finetuned-models/ft-1"))
					.withHeader("X-Request-Source", equalTo("nightly"))
					.withHeader("Authorization", equalTo("Bearer view-tests-key")));
		assertThat(this.client.fineTuning().options().isEmpty()).isTrue();
	}

	@Test
	void optionsTimeoutEndsASlowCallWithACallTimeout() {
		server
			.stubFor(get("/v1/datasets/usage").willReturn(okJson("{\"organization_usage\": 1}").withFixedDelay(3000)));
		server.stubFor(get("/v1/datasets/warm-up").willReturn(okJson("{\"dataset\": {\"id\": \"warm-up\"}}")));
		// the first call starts the connection pool and event loops: not part of the
		// timing
		assertThat(this.client.datasets().get("warm-up").id()).isEqualTo("warm-up");
		DatasetsApi datasets = this.client.datasets()
			.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(200)).build());
		long start = System.nanoTime();
		assertThatExceptionOfType(CohereTimeoutException.class).isThrownBy(datasets::usage)
			.satisfies((ex) -> assertThat(ex.getPhase()).isEqualTo(CohereTimeoutException.Phase.CALL))
			.withMessageContaining("GET /v1/datasets/usage")
			.withMessageContaining("PT0.2S");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		StepVerifier.create(datasets.usageAsync())
			.expectError(CohereTimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void optionsRefuseHeadersTheClientOwnsAndNonPositiveTimeouts() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().header("Authorization", "x"))
			.withMessageContaining("'Authorization'");
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
			.withMessageContaining("positive");
	}

	@Test
	void rawResponseCarriesStatusRequestIdRateLimitAndDeprecationHeaders() {
		server.stubFor(get("/v1/models/command-r").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-trace-id", "trace-123")
			.withHeader("X-API-Warning", "command-r is deprecated; use command-a-03-2025")
			.withHeader("x-endpoint-monthly-call-limit", "1000")
			.withHeader("x-trial-endpoint-call-remaining", "999")
			.withBody("{\"name\": \"command-r\", \"is_deprecated\": true}")));
		RawResponse<String> raw = this.client.modelsApi().withRawResponse((models) -> models.get("command-r").name());
		assertThat(raw.status()).isEqualTo(200);
		assertThat(raw.body()).isEqualTo("command-r");
		assertThat(raw.requestId()).isEqualTo("trace-123");
		assertThat(raw.apiWarnings()).containsExactly("command-r is deprecated; use command-a-03-2025");
		assertThat(raw.deprecationHeaders()).containsOnlyKeys("x-api-warning");
		assertThat(raw.rateLimitHeaders()).containsOnlyKeys("x-endpoint-monthly-call-limit",
				"x-trial-endpoint-call-remaining");
		RawResponse<String> async = this.client.modelsApi()
			.withRawResponseAsync((models) -> models.getAsync("command-r").map((model) -> model.name()))
			.block(Duration.ofSeconds(5));
		assertThat(async.header("x-trace-id")).isEqualTo("trace-123");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.client.modelsApi().withRawResponse((models) -> "no call"))
			.withMessageContaining("made no call");
	}

	@Test
	void unknownFieldsAreSentFromTheBuilderAndSecretsAreMasked() {
		server.stubFor(post("/v1/finetuning/finetuned-models")
			.willReturn(okJson("{\"finetuned_model\": {\"id\": \"ft-2\", \"name\": \"n\", \"brand_new\": [1, 2]}}")));
		WandbConfig wandb = WandbConfig.builder().project("p").apiKey("wandb-secret").build();
		FinetunedModel created = this.client.fineTuning()
			.create(FinetunedModel.builder()
				.name("n")
				.settings(Settings.builder()
					.baseModel(BaseModel.of(BaseType.CHAT))
					.datasetId("d")
					.wandb(wandb)
					.extra("new_setting", Map.of("enabled", true))
					.build())
				.extra("labels", List.of("a"))
				.build());
		server.verify(postRequestedFor(urlEqualTo("/v1/finetuning/finetuned-models")).withRequestBody(equalToJson("""
				{"name": "n", "labels": ["a"], "settings": {"base_model": {"base_type": "BASE_TYPE_CHAT"},
				 "dataset_id": "d", "wandb": {"project": "p", "api_key": "wandb-secret"},
				 "new_setting": {"enabled": true}}}""")));
		assertThat(created.extra()).containsEntry("brand_new", List.of(1, 2));
		assertThat(wandb.toString()).doesNotContain("wandb-secret").contains("apiKey=****");
	}

	@Test
	void creatingWithoutRequiredFieldsFailsBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.fineTuning().create(FinetunedModel.builder().name("n").build()))
			.withMessageContaining("settings");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.batches().create(Batch.builder().name("n").build()))
			.withMessageContaining("input dataset id");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> Settings.builder().datasetId("d").build())
			.withMessageContaining("baseModel");
	}

	@Test
	void errorStatusesBecomeTypedExceptions() {
		server.stubFor(get("/v1/datasets/missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"dataset not found\"}")));
		assertThatExceptionOfType(CohereNotFoundException.class).isThrownBy(() -> this.client.datasets().get("missing"))
			.withMessageContaining("dataset not found");
	}

	@Test
	void pathParametersAreEncoded() {
		server.stubFor(
				get(urlEqualTo("/v1/finetuning/finetuned-models/a%2Fb%20c/events?page_size=5&order_by=created_at+desc"))
					.willReturn(okJson("{\"events\": []}")));
		assertThat(this.client.fineTuning()
			.listEvents("a/b c", PageRequest.ofSize(5).withOrderBy("created_at desc"))
			.events()).isEmpty();
	}

	@Test
	void listAllReadsEveryPageLazily() {
		server.stubFor(get(urlEqualTo("/v1/finetuning/finetuned-models?page_size=2")).willReturn(
				okJson("{\"finetuned_models\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"next_page_token\": \"p2\"}")));
		server.stubFor(get(urlEqualTo("/v1/finetuning/finetuned-models?page_size=2&page_token=p2"))
			.willReturn(okJson("{\"finetuned_models\": [{\"id\": \"c\"}], \"next_page_token\": \"\"}")));
		assertThat(this.client.fineTuning()
			.listAll(PageRequest.ofSize(2))
			.map(FinetunedModel::id)
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly("a", "b", "c");
		server.resetRequests();
		assertThat(this.client.fineTuning()
			.listAll(PageRequest.ofSize(2))
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(5))).hasSize(2);
		server.verify(1, getRequestedFor(urlEqualTo("/v1/finetuning/finetuned-models?page_size=2")));
		server.verify(0, getRequestedFor(urlEqualTo("/v1/finetuning/finetuned-models?page_size=2&page_token=p2")));
	}

	@Test
	void embedJobWaitReportsProgressUntilComplete() {
		stubStates("/v1/embed-jobs/job-1",
				"{\"job_id\": \"job-1\", \"status\": \"%s\", \"output_dataset_id\": \"out\"}", "processing",
				"processing", "complete");
		List<EmbedJobStatus> seen = new ArrayList<>();
		EmbedJob job = this.client.embedJobs().waitFor("job-1", FAST, (state) -> seen.add(state.status()));
		assertThat(job.status()).isEqualTo(EmbedJobStatus.COMPLETE);
		assertThat(job.outputDatasetId()).isEqualTo("out");
		assertThat(seen).containsExactly(EmbedJobStatus.PROCESSING, EmbedJobStatus.PROCESSING, EmbedJobStatus.COMPLETE);
	}

	@Test
	void batchWaitFailsWithTheFailedBatch() {
		stubStates("/v2/batches/b-1",
				"{\"batch\": {\"id\": \"b-1\", \"status\": \"%s\", \"status_reason\": \"bad input\"}}",
				"BATCH_STATUS_QUEUED", "BATCH_STATUS_IN_PROGRESS", "BATCH_STATUS_FAILED");
		List<BatchStatus> seen = new ArrayList<>();
		assertThatExceptionOfType(CohereJobFailedException.class)
			.isThrownBy(() -> this.client.batches().waitFor("b-1", FAST, (state) -> seen.add(state.status())))
			.withMessageContaining("BATCH_STATUS_FAILED (bad input)")
			.satisfies((ex) -> assertThat(((Batch) ex.getJob()).id()).isEqualTo("b-1"));
		assertThat(seen).containsExactly(BatchStatus.QUEUED, BatchStatus.IN_PROGRESS, BatchStatus.FAILED);
	}

	@Test
	void waitTimesOutWithTheLastState() {
		server.stubFor(
				get("/v1/embed-jobs/slow").willReturn(okJson("{\"job_id\": \"slow\", \"status\": \"processing\"}")));
		WaitOptions short_ = new WaitOptions(Duration.ofMillis(1000), Duration.ofMillis(20), Duration.ofMillis(50));
		assertThatExceptionOfType(CohereWaitTimeoutException.class)
			.isThrownBy(() -> this.client.embedJobs().waitFor("slow", short_, (state) -> {
			}))
			.withMessageContaining("did not end within PT1S")
			.withMessageContaining("its last status was processing")
			.satisfies((ex) -> assertThat(((EmbedJob) ex.getLastState()).jobId()).isEqualTo("slow"));
		assertThat(server.findAll(getRequestedFor(urlEqualTo("/v1/embed-jobs/slow"))).size()).isGreaterThan(2);
	}

	@Test
	void fineTunedModelIdIsUsableAsTheModelOfChatEmbedAndRerank() {
		String id = "d0b2b1e4-ft-model";
		server.stubFor(post("/v2/chat").withRequestBody(matchingJsonPath("$.model", equalTo(id)))
			.willReturn(okJson("{\"id\": \"c\", \"finish_reason\": \"COMPLETE\", \"message\": {\"role\": \"assistant\","
					+ " \"content\": [{\"type\": \"text\", \"text\": \"hi\"}]}}")));
		server.stubFor(post("/v2/embed").withRequestBody(matchingJsonPath("$.model", equalTo(id)))
			.willReturn(okJson("{\"id\": \"e\", \"embeddings\": {\"float\": [[0.5]]}, \"texts\": [\"a\"]}")));
		server.stubFor(post("/v2/rerank").withRequestBody(matchingJsonPath("$.model", equalTo(id)))
			.willReturn(okJson("{\"id\": \"r\", \"results\": [{\"index\": 0, \"relevance_score\": 0.9}]}")));
		ChatResponse chat = this.client.chat(ChatRequest.builder().model(id).messages(UserMessage.of("hello")).build());
		assertThat(chat.text()).isEqualTo("hi");
		assertThat(this.client.embed(EmbedRequest.builder().model(id).texts("a").build()).embeddings().floats())
			.hasSize(1);
		assertThat(this.client.rerank(RerankRequest.builder().model(id).query("q").documents("d").build()).results())
			.hasSize(1);
	}

	@Test
	void backendsWithoutThePlatformApiFailWithTheCapability() {
		CohereBackend chatOnly = new CohereBackend() {

			@Override
			public String id() {
				return "chat-only";
			}

			@Override
			public Capabilities capabilities() {
				return Capabilities.of(Capability.CHAT);
			}

			@Override
			public ChatResponse chat(ChatRequest request) {
				throw new UnsupportedOperationException("not called");
			}

		};
		CohereClient onChatOnly = CohereClient.builder().backend(chatOnly).build();
		assertThatExceptionOfType(UnsupportedCapabilityException.class)
			.isThrownBy(() -> onChatOnly.fineTuning().get("ft"))
			.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo("chat-only"))
			.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("fine-tuning"));
		StepVerifier.create(onChatOnly.batches().getAsync("b"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(UnsupportedCapabilityException.class)
				.hasMessageContaining("'batches'"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.client.capabilities().supports(Capability.DATASETS)).isTrue();
		Mono<?> notSent = onChatOnly.datasets().usageAsync();
		assertThat(notSent).isNotNull();
	}

	private static void stubStates(String path, String template, String... states) {
		for (int i = 0; i < states.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "state-" + i;
			server.stubFor(get(path).inScenario(path)
				.whenScenarioStateIs(state)
				.willReturn(okJson(template.formatted(states[i])))
				.willSetStateTo((i + 1 < states.length) ? "state-" + (i + 1) : "state-" + i));
		}
	}

}
