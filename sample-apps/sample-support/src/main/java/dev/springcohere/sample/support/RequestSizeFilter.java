package dev.springcohere.sample.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request body larger than {@code sample.limits.max-request-size} with 413 and
 * a JSON error: at once when its {@code Content-Length} says so, otherwise as soon as the
 * bytes read pass the bound (a chunked body), through {@link RequestTooLargeException}.
 */
public final class RequestSizeFilter extends OncePerRequestFilter {

	private final long maxBytes;

	/**
	 * Creates the filter.
	 * @param maxBytes the largest body accepted
	 */
	public RequestSizeFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream()
				.write(("{\"error\":\"" + RequestTooLargeException.message(this.maxBytes) + "\"}")
					.getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(new BoundedRequest(request, this.maxBytes), response);
	}

	/**
	 * A request whose body stream fails once more than the bound has been read.
	 */
	private static final class BoundedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		BoundedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0) {
						count(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0) {
						count(n);
					}
					return n;
				}

				private void count(int n) {
					this.read += n;
					if (this.read > BoundedRequest.this.maxBytes) {
						throw new RequestTooLargeException(BoundedRequest.this.maxBytes);
					}
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}

			};
		}

	}

}
