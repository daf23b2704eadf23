package dev.springcohere.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on a real socket for the cases WireMock cannot produce: a body
 * cut before the last chunk, a silence after the headers, and observing the client hang
 * up. Each connection is served by {@link Handler} on its own thread after the request
 * (headers and Content-Length body) has been read.
 */
final class RawHttpServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final Handler handler;

	private final AtomicInteger connections = new AtomicInteger();

	private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();

	private final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	RawHttpServer(Handler handler) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.handler = handler;
		this.acceptor = new Thread(this::acceptLoop, "raw-http-acceptor");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	int connections() {
		return this.connections.get();
	}

	CopyOnWriteArrayList<String> requests() {
		return this.requests;
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.incrementAndGet();
				this.sockets.add(socket);
				Thread worker = new Thread(() -> serve(socket), "raw-http-worker");
				worker.setDaemon(true);
				worker.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			this.requests.add(head);
			int contentLength = 0;
			for (String line : head.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					contentLength = Integer.parseInt(line.substring(15).trim());
				}
			}
			in.readNBytes(contentLength);
			this.handler.handle(socket.getOutputStream());
		}
		catch (IOException | InterruptedException ex) {
			// the client went away or the server is closing
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("client closed before sending a request");
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	static void writeChunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	static final String CHUNKED_SSE_HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n";

	/**
	 * Writes the response of one connection.
	 */
	@FunctionalInterface
	interface Handler {

		void handle(OutputStream out) throws IOException, InterruptedException;

	}

}
