package dev.springcohere.backend.oci;

import org.junit.jupiter.api.Test;

import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.Truncate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code embedText} and {@code rerankText} through the real OCI SDK client against
 * WireMock.
 */
class OciEmbedRerankTests extends OciBackendTestBase {

	private static final String EMBED = "/20231130/actions/embedText";

	private static final String RERANK = "/20231130/actions/rerankText";

	@Test
	void embedSendsEmbedTextAndReadsFloatVectors() {
		this.oci.server.stubFor(post(urlEqualTo(EMBED))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"id": "emb-1", "modelId": "cohere.embed-english-v3.0", "inputs": ["Oracle Cloud", "Cohere"],
					 "embeddings": [[0.25, -0.5, 1.0], [0.125, 0.0, -1.0]]}""")));

		EmbedResponse response = this.backend.embed(EmbedRequest.builder()
			.model("embed-english-v3.0")
			.texts("Oracle Cloud", "Cohere")
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.truncate(Truncate.END)
			.embeddingTypes(EmbeddingType.FLOAT)
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(EMBED)).withRequestBody(equalToJson("""
				{"inputs": ["Oracle Cloud", "Cohere"],
				 "servingMode": {"servingType": "ON_DEMAND", "modelId": "cohere.embed-english-v3.0"},
				 "compartmentId": "%s", "truncate": "END", "inputType": "SEARCH_DOCUMENT"}"""
			.formatted(OciTestSupport.COMPARTMENT))));
		assertThat(response.id()).isEqualTo("emb-1");
		assertThat(response.embeddings().floats()).hasSize(2);
		assertThat(response.embeddings().floatVector(0)).containsExactly(0.25f, -0.5f, 1.0f);
		assertThat(response.embeddings().floatVector(1)).containsExactly(0.125f, 0.0f, -1.0f);
		assertThat(response.texts()).containsExactly("Oracle Cloud", "Cohere");
	}

	@Test
	void imagesAreEmbeddedWithTheImageInputType() {
		this.oci.server.stubFor(post(urlEqualTo(EMBED)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"emb-2\", \"embeddings\": [[0.5]]}")));
		String image = "data:image/png;base64,iVBORw0KGgo=";

		EmbedResponse response = this.backend
			.embed(EmbedRequest.builder().model("cohere.embed-v4.0").images(image).build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(EMBED)).withRequestBody(equalToJson("""
				{"inputs": ["%s"], "servingMode": {"servingType": "ON_DEMAND", "modelId": "cohere.embed-v4.0"},
				 "compartmentId": "%s", "inputType": "IMAGE"}""".formatted(image, OciTestSupport.COMPARTMENT))));
		assertThat(response.embeddings().floatVector(0)).containsExactly(0.5f);
	}

	@Test
	void embedOptionsOciCannotExpressFailBeforeSending() {
		assertThatThrownBy(() -> this.backend.embed(EmbedRequest.builder()
			.model("cohere.embed-v4.0")
			.texts("x")
			.embeddingTypes(EmbeddingType.INT8)
			.build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int8");
		assertThatThrownBy(() -> this.backend
			.embed(EmbedRequest.builder().model("cohere.embed-v4.0").texts("x").outputDimension(256).build()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("output_dimension");
		assertThatThrownBy(() -> this.backend.embed(EmbedRequest.builder().model("cohere.embed-v4.0").build()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'texts' or 'images'");
		assertThat(this.oci.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void rerankSendsRerankTextToADedicatedEndpointAndReadsTheRanks() {
		this.oci.server.stubFor(post(urlEqualTo(RERANK)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id": "rr-1", "modelId": "cohere.rerank-v3-5",
							 "documentRanks": [{"index": 1, "relevanceScore": 0.93}, {"index": 0, "relevanceScore": 0.12}]}""")));

		RerankResponse response = this.backend.rerank(RerankRequest.builder()
			.model("ocid1.generativeaiendpoint.oc1.us-chicago-1.rerank")
			.query("capital of Canada")
			.documents("Toronto is large.", "Ottawa is the capital.")
			.topN(2)
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(RERANK)).withRequestBody(equalToJson(
				"""
						{"input": "capital of Canada", "compartmentId": "%s",
						 "servingMode": {"servingType": "DEDICATED", "endpointId": "ocid1.generativeaiendpoint.oc1.us-chicago-1.rerank"},
						 "documents": ["Toronto is large.", "Ottawa is the capital."], "topN": 2}"""
					.formatted(OciTestSupport.COMPARTMENT))));
		assertThat(response.id()).isEqualTo("rr-1");
		assertThat(response.results()).containsExactly(new RerankResponse.Result(1, 0.93),
				new RerankResponse.Result(0, 0.12));
	}

}
