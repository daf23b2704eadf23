package dev.springcohere.sample.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Bounds on what the samples' endpoints accept, so that a client cannot make them forward
 * megabytes of text or thousands of documents to Cohere.
 */
@ConfigurationProperties("sample.limits")
public class SampleLimits {

	/**
	 * Largest request body an /api endpoint reads; a larger one is answered 413.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(1);

	/**
	 * Most documents or texts one request may carry; more are answered 400.
	 */
	private int maxItems = 1000;

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public int getMaxItems() {
		return this.maxItems;
	}

	public void setMaxItems(int maxItems) {
		this.maxItems = maxItems;
	}

}
