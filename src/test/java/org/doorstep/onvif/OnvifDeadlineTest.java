package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken HTTP servers on loopback: each ONVIF call ends within its overall deadline, the size limit
 * applies while reading, and a connection the camera closed without saying so is not fatal.
 */
class OnvifDeadlineTest {
    /** Two seconds per read, three seconds for the whole answer. */
    final OnvifHttp http = new OnvifHttp(AddressPolicy.lanOnly(), Duration.ofSeconds(2), Duration.ofSeconds(3),
            SafeXml.SOAP_LIMIT);
    final AuthMemory memory = new AuthMemory();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    private OnvifClient client(ServerSocket server) {
        return new OnvifClient(http, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/onvif/device_service"),
                null, null, memory, Clock.systemUTC());
    }

    @Test
    void aReplyTrickledOneByteASecondEndsAtTheDeadline() throws Exception {
        try (ServerSocket server = loopbackServer()) {
            serve(server, (in, out) -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                for (int i = 0; i < 600; i++) {
                    out.write('<');
                    out.flush();
                    Thread.sleep(500); // each read succeeds well within the per-read timeout
                }
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(client(server)::getSystemDateAndTime).isInstanceOfSatisfying(OnvifTimeoutException.class,
                    e -> assertThat(e.userMessage()).isEqualTo("the camera did not answer"));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            // a single retry for a camera that just booted is allowed within the same deadline
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anEndlessChunkedReplyIsCutAtTheSizeLimitWithoutDrainingIt() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ServerSocket server = loopbackServer()) {
            serve(server, (in, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = ("<a>" + "x".repeat(4089) + "</a>").getBytes(StandardCharsets.US_ASCII);
                byte[] frame = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (written.get() < 200L * 1024 * 1024) {
                    out.write(frame);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    written.addAndGet(chunk.length);
                }
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(client(server)::getSystemDateAndTime).isInstanceOf(OnvifReplyException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            Thread.sleep(300);
            long after = written.get();
            Thread.sleep(500);
            System.out.println("endless chunked reply: refused after " + took.toMillis() + " ms, server wrote "
                    + after + " bytes");
            assertThat(written.get()).as("the server cannot write on: the connection is gone").isEqualTo(after);
            assertThat(after).isLessThan(8L * 1024 * 1024);
        }
    }

    @Test
    void aPooledConnectionTheCameraClosedWithoutNoticeIsRetriedOnAFreshOne() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = loopbackServer()) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        // answers one request with keep-alive implied, then drops the connection a moment later
                        answerOne(s.getInputStream(), s.getOutputStream());
                        Thread.sleep(50);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            OnvifClient c = client(server);
            for (int i = 0; i < 4; i++) {
                assertThat(c.getSystemDateAndTime()).isNotNull();
                Thread.sleep(120); // the camera has closed the idle connection by now
            }
            assertThat(connections.get()).isEqualTo(4);
        }
    }

    @Test
    void theFirstRequestAfterBootIsRetriedOnce() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = loopbackServer()) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        if (requests.incrementAndGet() == 1) {
                            readHead(s.getInputStream()); // still booting: reads the request, answers nothing
                            continue;
                        }
                        answerOne(s.getInputStream(), s.getOutputStream());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            assertThat(client(server).getSystemDateAndTime()).isNotNull();
            assertThat(requests.get()).isEqualTo(2);
        }
    }

    interface Script {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    private static ServerSocket loopbackServer() throws IOException {
        return new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    }

    /** Runs {@code script} on every connection (a retry gets the same treatment). */
    private static void serve(ServerSocket server, Script script) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            s.setSendBufferSize(16 * 1024);
                            readHead(s.getInputStream());
                            script.run(s.getInputStream(), s.getOutputStream());
                        } catch (Exception e) {
                            // the client hung up
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void answerOne(InputStream in, OutputStream out) throws IOException {
        readHead(in);
        byte[] body = ("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
                + "<s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:UTCDateTime>"
                + "<tt:Time><tt:Hour>10</tt:Hour><tt:Minute>0</tt:Minute><tt:Second>0</tt:Second></tt:Time>"
                + "<tt:Date><tt:Year>2026</tt:Year><tt:Month>11</tt:Month><tt:Day>30</tt:Day></tt:Date>"
                + "</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Reads the request head and its body (Content-Length) so the client is not blocked writing. */
    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }
}
