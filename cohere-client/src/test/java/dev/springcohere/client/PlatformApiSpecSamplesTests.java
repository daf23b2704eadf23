package dev.springcohere.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.CurlSamples;
import dev.springcohere.api.ModelEndpoint;
import dev.springcohere.api.ModelInfo;
import dev.springcohere.api.PageRequest;
import dev.springcohere.api.UploadFile;
import dev.springcohere.api.audio.TranscriptionRequest;
import dev.springcohere.api.audio.TranscriptionResponse;
import dev.springcohere.api.batches.Batch;
import dev.springcohere.api.batches.BatchStatus;
import dev.springcohere.api.batches.ListBatchesResponse;
import dev.springcohere.api.classify.ClassifyRequest;
import dev.springcohere.api.classify.ClassifyResponse;
import dev.springcohere.api.connectors.Connector;
import dev.springcohere.api.connectors.ConnectorRequest;
import dev.springcohere.api.connectors.ListConnectorsResponse;
import dev.springcohere.api.connectors.OAuthAuthorizeResponse;
import dev.springcohere.api.datasets.Dataset;
import dev.springcohere.api.datasets.DatasetType;
import dev.springcohere.api.datasets.DatasetUpload;
import dev.springcohere.api.datasets.DatasetUsage;
import dev.springcohere.api.datasets.DatasetValidationStatus;
import dev.springcohere.api.datasets.ListDatasetsRequest;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.embedjobs.CreateEmbedJobRequest;
import dev.springcohere.api.embedjobs.CreateEmbedJobResponse;
import dev.springcohere.api.embedjobs.EmbedJob;
import dev.springcohere.api.embedjobs.EmbedJobStatus;
import dev.springcohere.api.finetuning.BaseModel;
import dev.springcohere.api.finetuning.BaseType;
import dev.springcohere.api.finetuning.FinetunedModel;
import dev.springcohere.api.finetuning.ListEventsResponse;
import dev.springcohere.api.finetuning.ListFinetunedModelsResponse;
import dev.springcohere.api.finetuning.ListTrainingStepMetricsResponse;
import dev.springcohere.api.finetuning.Settings;
import dev.springcohere.api.finetuning.Status;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends the request of every cURL sample of the spec's platform operations (fine-tuning,
 * datasets, embed jobs, batches, classify, connectors, a model's details, audio) through
 * {@link CohereClient}'s views to WireMock, on both HTTP engines: the server must receive
 * the sample's method, path, query and JSON data (or form fields), and the client must
 * parse a response shaped by the spec's schema, keeping a field it does not know. The
 * spec has no response examples for these operations, so the responses are written here
 * from the schemas.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY" })
class PlatformApiSpecSamplesTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@TempDir
	static Path files;

	private static final JsonMapper mapper = CohereJson.createMapper();

	private static final String FUTURE = "\"future_field\": {\"added\": \"later\"}";

	private static final String FT_MODEL = """
			{"id": "test-id", "name": "test-finetuned-model", "creator_id": "user-1", "organization_id": "org-1",
			 "settings": {"base_model": {"base_type": "BASE_TYPE_CHAT", "name": "command-r-08-2024", "version": "1"},
			   "dataset_id": "test-dataset-id", "hyperparameters": {"train_epochs": 1, "learning_rate": 0.01,
			   "lora_target_modules": "LORA_TARGET_MODULES_QV"}},
			 "status": "STATUS_READY", "created_at": "2024-01-02T03:04:05Z", "updated_at": "2024-01-02T04:04:05Z",
			 "completed_at": "2024-01-02T05:04:05Z", %s}""".formatted(FUTURE);

	private static final String DATASET = """
			{"id": "id", "name": "my-dataset", "created_at": "2024-01-02T03:04:05Z", "updated_at": "2024-01-02T03:04:05Z",
			 "dataset_type": "embed-input", "validation_status": "failed", "validation_error": "row 3: missing field 'text'",
			 "required_fields": ["text"], "validation_warnings": ["dropped 1 row"],
			 "dataset_parts": [{"id": "part-1", "name": "file.jsonl", "size_bytes": 2048, "num_rows": 10}],
			 "parse_info": {"delimiter": ","}, %s}"""
		.formatted(FUTURE);

	private static final String EMBED_JOB = """
			{"job_id": "id", "name": "nightly", "status": "processing", "created_at": "2024-01-02T03:04:05Z",
			 "input_dataset_id": "my-dataset", "model": "embed-v4.0", "truncate": "END",
			 "meta": {"api_version": {"version": "1"}}, %s}""".formatted(FUTURE);

	private static final String BATCH = """
			{"id": "<batch_job_id>", "name": "<batch_job_name>", "status": "BATCH_STATUS_IN_PROGRESS",
			 "input_dataset_id": "<dataset_id>", "model": "<model_name>", "input_tokens": "1200", "num_records": 3,
			 "created_at": "2024-01-02T03:04:05Z", %s}""".formatted(FUTURE);

	private static final String CONNECTOR = """
			{"id": "id", "name": "Example connector", "url": "https://connector-example.com/search",
			 "created_at": "2024-01-02T03:04:05Z", "updated_at": "2024-01-02T03:04:05Z", "active": true,
			 "oauth": {"authorize_url": "https://auth.example.com", "token_url": "https://auth.example.com/token"}, %s}"""
		.formatted(FUTURE);

	private CohereClient client;

	private CohereClient client() {
		if (this.client == null) {
			this.client = CohereClient.builder()
				.apiKey("platform-samples-key")
				.baseUrl(server.baseUrl())
				.environment((name) -> null)
				.retryPolicy(CohereRetryPolicy.none())
				.httpSettings(HttpSettings.builder().transport(this.transportType).build())
				.readTimeout(Duration.ofSeconds(10))
				.build();
		}
		return this.client;
	}

	@AfterEach
	void closeClient() {
		if (this.client != null) {
			this.client.close();
		}
	}

	static Stream<Arguments> operations() {
		return Stream.of(op("GET", "/v1/finetuning/finetuned-models",
				(client, sample) -> client.fineTuning().list(PageRequest.first()),
				"{\"finetuned_models\": [" + FT_MODEL + "], \"next_page_token\": \"\", \"total_size\": 1}",
				(ListFinetunedModelsResponse page) -> {
					assertThat(page.totalSize()).isEqualTo(1);
					assertFinetunedModel(page.finetunedModels().get(0));
				}),
				op("POST", "/v1/finetuning/finetuned-models",
						(client, sample) -> client.fineTuning()
							.create(FinetunedModel.builder()
								.name("test-finetuned-model")
								.settings(Settings.builder()
									.baseModel(BaseModel.of(BaseType.CHAT))
									.datasetId("test-dataset-id")
									.build())
								.build()),
						"{\"finetuned_model\": " + FT_MODEL + "}", PlatformApiSpecSamplesTests::assertFinetunedModel),
				op("PATCH", "/v1/finetuning/finetuned-models/{id}",
						(client, sample) -> client.fineTuning()
							.update(sample.lastSegment(), FinetunedModel.builder().name("new name").build()),
						"{\"finetuned_model\": " + FT_MODEL + "}", PlatformApiSpecSamplesTests::assertFinetunedModel),
				op("GET", "/v1/finetuning/finetuned-models/{id}",
						(client, sample) -> client.fineTuning().get(sample.lastSegment()),
						"{\"finetuned_model\": " + FT_MODEL + "}", PlatformApiSpecSamplesTests::assertFinetunedModel),
				op("DELETE", "/v1/finetuning/finetuned-models/{id}", (client, sample) -> {
					client.fineTuning().delete(sample.lastSegment());
					return "deleted";
				}, "{}", (String result) -> assertThat(result).isEqualTo("deleted")),
				op("GET", "/v1/finetuning/finetuned-models/{finetuned_model_id}/events",
						(client, sample) -> client.fineTuning().listEvents("test-id", PageRequest.first()),
						"""
								{"events": [{"user_id": "user-1", "status": "STATUS_QUEUED", "created_at": "2024-01-02T03:04:05Z"},
								 {"user_id": "", "status": "STATUS_SOMETHING_NEW", "created_at": "2024-01-02T04:04:05Z"}],
								 "next_page_token": "page-2", "total_size": 3}""",
						(ListEventsResponse page) -> {
							assertThat(page.events()).extracting((event) -> event.status())
								.containsExactly(Status.QUEUED, Status.of("STATUS_SOMETHING_NEW"));
							assertThat(page.events().get(1).status().isKnown()).isFalse();
							assertThat(page.nextPageToken()).isEqualTo("page-2");
						}),
				op("GET", "/v1/finetuning/finetuned-models/{finetuned_model_id}/training-step-metrics",
						(client, sample) -> client.fineTuning().listTrainingStepMetrics("test-id", PageRequest.first()),
						"""
								{"step_metrics": [{"created_at": "2024-01-02T03:04:05Z", "step_number": 10,
								 "metrics": {"loss": 0.25, "accuracy": 0.9}}]}""",
						(ListTrainingStepMetricsResponse page) -> {
							assertThat(page.stepMetrics().get(0).stepNumber()).isEqualTo(10);
							assertThat(page.stepMetrics().get(0).metrics()).containsEntry("loss", 0.25)
								.containsEntry("accuracy", 0.9);
						}),
				op("POST", "/v1/datasets",
						(client, sample) -> client.datasets()
							.create(DatasetUpload.builder()
								.name("my-dataset")
								.type(DatasetType.EMBED_INPUT)
								.data(UploadFile.of(datasetFile(), "application/jsonl"))
								.build()),
						"{\"id\": \"new-dataset-id\"}", (String id) -> assertThat(id).isEqualTo("new-dataset-id")),
				op("GET", "/v1/datasets",
						(client, sample) -> client.datasets().list(ListDatasetsRequest.builder().build()),
						"{\"datasets\": [" + DATASET + "]}",
						(List<Dataset> datasets) -> assertDataset(datasets.get(0))),
				op("GET", "/v1/datasets/usage", (client, sample) -> client.datasets().usage(),
						"{\"organization_usage\": 123456789012}",
						(DatasetUsage usage) -> assertThat(usage.organizationUsage()).isEqualTo(123456789012L)),
				op("GET", "/v1/datasets/{id}", (client, sample) -> client.datasets().get(sample.lastSegment()),
						"{\"dataset\": " + DATASET + "}", PlatformApiSpecSamplesTests::assertDataset),
				op("DELETE", "/v1/datasets/{id}", (client, sample) -> {
					client.datasets().delete(sample.lastSegment());
					return "deleted";
				}, "{}", (String result) -> assertThat(result).isEqualTo("deleted")),
				op("POST", "/v1/embed-jobs",
						(client, sample) -> client.embedJobs()
							.create(CreateEmbedJobRequest.builder()
								.model("embed-v4.0")
								.datasetId("my-dataset")
								.inputType(EmbedInputType.SEARCH_DOCUMENT)
								.build()),
						"{\"job_id\": \"job-1\", \"meta\": {\"api_version\": {\"version\": \"1\"}}}",
						(CreateEmbedJobResponse response) -> assertThat(response.jobId()).isEqualTo("job-1")),
				op("GET", "/v1/embed-jobs", (client, sample) -> client.embedJobs().list(),
						"{\"embed_jobs\": [" + EMBED_JOB + "]}", (List<EmbedJob> jobs) -> assertEmbedJob(jobs.get(0))),
				op("GET", "/v1/embed-jobs/{id}", (client, sample) -> client.embedJobs().get(sample.lastSegment()),
						EMBED_JOB, PlatformApiSpecSamplesTests::assertEmbedJob),
				op("POST", "/v1/embed-jobs/{id}/cancel", (client, sample) -> {
					client.embedJobs().cancel("id");
					return "cancelled";
				}, "", (String result) -> assertThat(result).isEqualTo("cancelled")),
				op("GET", "/v2/batches", (client, sample) -> client.batches().list(PageRequest.first()),
						"{\"batches\": [" + BATCH + "], \"next_page_token\": \"\"}",
						(ListBatchesResponse page) -> assertBatch(page.batches().get(0))),
				op("POST", "/v2/batches",
						(client, sample) -> client.batches()
							.create(Batch.builder()
								.name("<batch_job_name>")
								.inputDatasetId("<dataset_id>")
								.model("<model_name>")
								.build()),
						"{\"batch\": " + BATCH + "}", PlatformApiSpecSamplesTests::assertBatch),
				op("GET", "/v2/batches/{id}", (client, sample) -> client.batches().get(sample.lastSegment()),
						"{\"batch\": " + BATCH + "}", PlatformApiSpecSamplesTests::assertBatch),
				op("POST", "/v2/batches/{id}:cancel", (client, sample) -> {
					client.batches().cancel(sample.lastSegment().replace(":cancel", ""));
					return "cancelled";
				}, "{}", (String result) -> assertThat(result).isEqualTo("cancelled")),
				op("POST", "/v1/classify",
						(client, sample) -> client.classifier()
							.classify(mapper.treeToValue(sample.body(), ClassifyRequest.class)),
						"""
								{"id": "86886163", "classifications": [{"classification_type": "single-label",
								 "confidence": 0.5661598, "confidences": [0.5661598], "id": "842d12fe",
								 "input": "Confirm your email address",
								 "labels": {"Not spam": {"confidence": 0.5661598}, "Spam": {"confidence": 0.43384025}},
								 "prediction": "Not spam", "predictions": ["Not spam"]}],
								 "meta": {"api_version": {"version": "1"}, "billed_units": {"classifications": 1}}, %s}"""
							.formatted(FUTURE),
						(ClassifyResponse response) -> {
							assertThat(response.classifications().get(0).prediction()).isEqualTo("Not spam");
							assertThat(response.classifications().get(0).labels().get("Spam").confidence())
								.isEqualTo(0.43384025);
							assertThat(response.extra()).containsKey("future_field");
						}),
				op("GET", "/v1/connectors", (client, sample) -> client.connectors().list(null, null),
						"{\"connectors\": [" + CONNECTOR + "], \"total_count\": 1}", (ListConnectorsResponse page) -> {
							assertThat(page.totalCount()).isEqualTo(1);
							assertConnector(page.connectors().get(0));
						}),
				op("POST", "/v1/connectors",
						(client, sample) -> client.connectors()
							.create(ConnectorRequest.builder()
								.name("Example connector")
								.url("https://connector-example.com/search")
								.build()),
						"{\"connector\": " + CONNECTOR + "}", PlatformApiSpecSamplesTests::assertConnector),
				op("GET", "/v1/connectors/{id}", (client, sample) -> client.connectors().get(sample.lastSegment()),
						"{\"connector\": " + CONNECTOR + "}", PlatformApiSpecSamplesTests::assertConnector),
				op("PATCH", "/v1/connectors/{id}", (client, sample) -> client.connectors()
					.update(sample.lastSegment(),
							ConnectorRequest.builder().name("new name").url("https://example.com/search").build()),
						"{\"connector\": " + CONNECTOR + "}", PlatformApiSpecSamplesTests::assertConnector),
				op("DELETE", "/v1/connectors/{id}", (client, sample) -> {
					client.connectors().delete(sample.lastSegment());
					return "deleted";
				}, "{}", (String result) -> assertThat(result).isEqualTo("deleted")),
				op("POST", "/v1/connectors/{id}/oauth/authorize",
						(client, sample) -> client.connectors().authorize("id", null),
						"{\"redirect_url\": \"https://auth.example.com/authorize?state=1\"}",
						(OAuthAuthorizeResponse response) -> assertThat(response.redirectUrl())
							.isEqualTo("https://auth.example.com/authorize?state=1")),
				op("GET", "/v1/models/{model}", (client, sample) -> client.modelsApi().get(sample.lastSegment()), """
						{"name": "command-a-03-2025", "endpoints": ["chat", "generate"], "finetuned": false,
						 "context_length": 256000, "features": ["tools"], %s}""".formatted(FUTURE),
						(ModelInfo model) -> {
							assertThat(model.name()).isEqualTo("command-a-03-2025");
							assertThat(model.supports(ModelEndpoint.CHAT)).isTrue();
							assertThat(model.contextLength()).isEqualTo(256000.0);
						}),
				op("POST", "/v2/audio/transcriptions",
						(client, sample) -> client.audio()
							.transcribe(TranscriptionRequest.of(sample.forms().get("model"),
									sample.forms().get("language"), UploadFile.of(audioFile(), "audio/wav"))),
						"{\"text\": \"Hello there.\", %s}".formatted(FUTURE), (TranscriptionResponse response) -> {
							assertThat(response.text()).isEqualTo("Hello there.");
							assertThat(response.extra()).containsEntry("future_field", Map.of("added", "later"));
						}));
	}

	/** The operations this test covers, by "METHOD path". */
	static List<String> coveredOperations() {
		return operations().map((arguments) -> arguments.get()[0] + " " + arguments.get()[1]).toList();
	}

	@SuppressWarnings("unchecked")
	private static <T> Arguments op(String method, String path, Call call, String response, Consumer<T> check) {
		return Arguments.of(method, path, call, response, (Consumer<Object>) (Consumer<?>) check);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("operations")
	void sendsTheSpecSampleAndParsesTheAnswer(String method, String path, Call call, String response,
			Consumer<Object> check) {
		CurlSamples.Sample sample = CurlSamples.of(path, method.toLowerCase());
		String expectedPath = expectedPath(sample, path);
		server.stubFor(WireMock.request(method, urlEqualTo(expectedPath))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(response)));
		Object result = call.apply(client(), sample);
		check.accept(result);
		RequestPatternBuilder sent = RequestPatternBuilder
			.newRequestPattern(com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method),
					urlEqualTo(expectedPath))
			.withHeader("Authorization", equalTo("Bearer platform-samples-key"));
		if (sample.body() != null) {
			// the embed-jobs sample leaves out input_type, which the schema requires: the
			// client sends it, so extra fields are allowed there
			boolean schemaAddsFields = path.equals("/v1/embed-jobs");
			sent.withRequestBody(equalToJson(sample.body().toString(), false, schemaAddsFields));
		}
		for (Map.Entry<String, String> form : sample.forms().entrySet()) {
			// the datasets sample names its file part 'file' where the schema names it
			// 'data': the schema is followed
			String name = (path.equals("/v1/datasets") && form.getKey().equals("file")) ? "data" : form.getKey();
			sent.withRequestBodyPart(form.getValue().startsWith("@")
					? aMultipart().withName(name).withBody(equalTo(fileContent(name))).build()
					: aMultipart().withName(name).withBody(equalTo(form.getValue())).build());
		}
		server.verify(1, sent);
	}

	/**
	 * The sample's path and query; the sample of {@code POST /v2/batches} doubles its
	 * path ({@code /v2/batches/v2/batches}), where the operation's path is used.
	 */
	private static String expectedPath(CurlSamples.Sample sample, String path) {
		if (sample.path().equals("/v2/batches/v2/batches")) {
			return path;
		}
		return sample.pathAndQuery();
	}

	private static String fileContent(String part) {
		return part.equals("data") ? "{\"text\": \"hello\"}\n{\"text\": \"goodbye\"}\n" : "RIFF-not-really-a-wav";
	}

	private static Path datasetFile() {
		return write("file.jsonl", fileContent("data"));
	}

	private static Path audioFile() {
		return write("sample.wav", fileContent("file"));
	}

	private static Path write(String name, String content) {
		try {
			return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static void assertFinetunedModel(FinetunedModel model) {
		assertThat(model.id()).isEqualTo("test-id");
		assertThat(model.status()).isEqualTo(Status.READY);
		assertThat(model.settings().baseModel().baseType()).isEqualTo(BaseType.CHAT);
		assertThat(model.settings().hyperparameters().learningRate()).isEqualTo(0.01);
		assertThat(model.createdAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
		assertThat(model.extra()).containsEntry("future_field", Map.of("added", "later"));
	}

	static void assertDataset(Dataset dataset) {
		assertThat(dataset.datasetType()).isEqualTo(DatasetType.EMBED_INPUT);
		assertThat(dataset.validationStatus()).isEqualTo(DatasetValidationStatus.FAILED);
		assertThat(dataset.isFailed()).isTrue();
		assertThat(dataset.validationError()).isEqualTo("row 3: missing field 'text'");
		assertThat(dataset.validationWarnings()).containsExactly("dropped 1 row");
		assertThat(dataset.datasetParts().get(0).sizeBytes()).isEqualTo(2048L);
		assertThat(dataset.extra()).containsKey("future_field");
	}

	static void assertEmbedJob(EmbedJob job) {
		assertThat(job.jobId()).isEqualTo("id");
		assertThat(job.status()).isEqualTo(EmbedJobStatus.PROCESSING);
		assertThat(job.extra()).containsKey("future_field");
	}

	static void assertBatch(Batch batch) {
		assertThat(batch.status()).isEqualTo(BatchStatus.IN_PROGRESS);
		assertThat(batch.inputTokens()).isEqualTo(1200L);
		assertThat(batch.extra()).containsKey("future_field");
	}

	static void assertConnector(Connector connector) {
		assertThat(connector.name()).isEqualTo("Example connector");
		assertThat(connector.oauth().tokenUrl()).isEqualTo("https://auth.example.com/token");
		assertThat(connector.extra()).containsKey("future_field");
	}

	/**
	 * Makes a call from a sample.
	 */
	@FunctionalInterface
	interface Call extends java.util.function.BiFunction<CohereClient, CurlSamples.Sample, Object> {

	}

}
