package dev.carbonshift.carbon.http;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * A connection that never logs headers or wire bytes. HttpClient logs both at DEBUG, and our
 * requests carry API tokens in headers, so with a debug log configuration they would leak.
 */
final class QuietConnection extends DefaultManagedHttpClientConnection {
  private static final AtomicLong COUNTER = new AtomicLong();

  private QuietConnection() {
    super("carbonshift-" + COUNTER.getAndIncrement());
  }

  static HttpConnectionFactory<ManagedHttpClientConnection> factory() {
    return socket -> {
      QuietConnection c = new QuietConnection();
      if (socket != null) {
        c.bind(socket);
      }
      return c;
    };
  }

  @Override
  public void bind(Socket socket) throws IOException {
    bind(new SocketHolder(socket));
  }

  @Override
  public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
    bind(new SocketHolder(sslSocket, socket));
  }

  @Override
  protected void onRequestSubmitted(ClassicHttpRequest request) {
    // deliberately silent: request headers carry credentials
  }

  @Override
  protected void onResponseReceived(ClassicHttpResponse response) {
    // silent too, so a server that echoes a credential in a header does not log it
  }
}
