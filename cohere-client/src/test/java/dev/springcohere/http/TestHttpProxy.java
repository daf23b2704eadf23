package dev.springcohere.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on a real socket: it forwards absolute-form requests ({@code POST
 * http://host:port/path}) and tunnels {@code CONNECT host:port}, and records what it was
 * asked, with the {@code Proxy-Authorization} header it got. With credentials set, it
 * answers {@code 407} with a Basic challenge until they come. Each connection serves one
 * request (answers carry {@code Connection: close}).
 */
public final class TestHttpProxy implements AutoCloseable {

	/**
	 * One request the proxy got.
	 *
	 * @param requestLine such as {@code CONNECT localhost:8443 HTTP/1.1}
	 * @param proxyAuthorization the header's value, or {@code null}
	 */
	public record Seen(String requestLine, String proxyAuthorization) {
	}

	private final ServerSocket serverSocket;

	private final String expectedAuthorization;

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public TestHttpProxy(String username, String password) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.expectedAuthorization = (username != null) ? "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
				: null;
		Thread acceptor = new Thread(this::acceptLoop, "test-proxy-acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static TestHttpProxy open() throws IOException {
		return new TestHttpProxy(null, null);
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	public List<Seen> seen() {
		return this.seen;
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				Thread worker = new Thread(() -> serve(socket), "test-proxy-connection");
				worker.setDaemon(true);
				worker.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			String head = readHead(in);
			if (head.isEmpty()) {
				return;
			}
			String[] lines = head.split("\r\n");
			String requestLine = lines[0];
			String authorization = null;
			StringBuilder forwarded = new StringBuilder();
			for (int i = 1; i < lines.length; i++) {
				String lower = lines[i].toLowerCase(Locale.ROOT);
				if (lower.startsWith("proxy-authorization:")) {
					authorization = lines[i].substring(lines[i].indexOf(':') + 1).strip();
				}
				else if (!lower.startsWith("proxy-connection:") && !lower.startsWith("connection:")) {
					forwarded.append(lines[i]).append("\r\n");
				}
			}
			this.seen.add(new Seen(requestLine, authorization));
			if (this.expectedAuthorization != null && !this.expectedAuthorization.equals(authorization)) {
				out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
						+ "Content-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				return;
			}
			String[] parts = requestLine.split(" ");
			if (parts[0].equals("CONNECT")) {
				String[] target = parts[1].split(":");
				try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
					out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					pump(client, upstream);
				}
				return;
			}
			URI uri = URI.create(parts[1]);
			try (Socket upstream = new Socket(uri.getHost(), uri.getPort())) {
				String origin = parts[0] + " " + uri.getRawPath()
						+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "") + " " + parts[2] + "\r\n";
				OutputStream upstreamOut = upstream.getOutputStream();
				upstreamOut
					.write((origin + forwarded + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				upstreamOut.flush();
				pump(client, upstream);
			}
		}
		catch (IOException ex) {
			// the client or the target hung up: the connection is over
		}
	}

	/** Copies both ways until the target closes its side. */
	private static void pump(Socket client, Socket upstream) throws IOException {
		Thread up = new Thread(() -> {
			try {
				client.getInputStream().transferTo(upstream.getOutputStream());
			}
			catch (IOException ex) {
				// the connection closed
			}
		}, "test-proxy-upstream");
		up.setDaemon(true);
		up.start();
		upstream.getInputStream().transferTo(client.getOutputStream());
		client.getOutputStream().flush();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r') ? 1 : 0;
			if (matched == 4) {
				String text = head.toString(StandardCharsets.ISO_8859_1);
				return text.substring(0, text.length() - 4);
			}
		}
		return "";
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
