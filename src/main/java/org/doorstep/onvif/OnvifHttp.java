package org.doorstep.onvif;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * HTTP transport for SOAP calls to cameras: connect and response timeouts on every call, a byte limit on every
 * reply (checked while reading; an oversized reply is aborted, not drained), no redirects, and the
 * {@link AddressPolicy} applied to every address a host name resolves to. Digest auth is HttpClient's own.
 */
public final class OnvifHttp implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(OnvifHttp.class);
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(4);
    public static final Duration DEFAULT_RESPONSE = Duration.ofSeconds(10);

    private final AddressPolicy policy;
    private final CloseableHttpClient client;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int replyLimit;
    /** Aborts requests whose overall deadline passed; per-read timeouts alone let a trickling camera hold on. */
    private final java.util.concurrent.ScheduledThreadPoolExecutor deadlines;
    static final Duration RETRY_PAUSE = Duration.ofMillis(300);

    public OnvifHttp(AddressPolicy policy) {
        this(policy, DEFAULT_CONNECT, DEFAULT_RESPONSE, SafeXml.SOAP_LIMIT);
    }

    public OnvifHttp(AddressPolicy policy, Duration connectTimeout, Duration responseTimeout, int replyLimit) {
        this.policy = policy;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.replyLimit = replyLimit;
        this.deadlines = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                org.doorstep.common.Threads.named("onvif-deadline"));
        deadlines.setRemoveOnCancelPolicy(true);
        PoolingHttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PolicyDnsResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        // embedded camera servers close idle kept-alive connections without a word: check a
                        // pooled connection that sat idle before sending on it
                        .setValidateAfterInactivity(org.apache.hc.core5.util.TimeValue.ofMilliseconds(1))
                        .setTimeToLive(org.apache.hc.core5.util.TimeValue.ofSeconds(30))
                        .build())
                // A fixed receive buffer stops the kernel from growing it: a hostile 10 MB reply then waits
                // on the camera's side instead of piling up in ours.
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(responseTimeout))
                        .setRcvBufSize(128 * 1024).build())
                .setMaxConnPerRoute(4)
                .setMaxConnTotal(64)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(cm)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setTargetPreferredAuthSchemes(List.of(StandardAuthScheme.DIGEST))
                        .build())
                .build();
    }

    public AddressPolicy policy() {
        return policy;
    }

    /**
     * A new client with the same timeouts and limits under another policy (e.g. this one plus a camera the user
     * allowed outside the LAN); the caller closes it.
     */
    public OnvifHttp withPolicy(AddressPolicy other) {
        return new OnvifHttp(other, connectTimeout, responseTimeout, replyLimit);
    }

    /** A reply: HTTP status, the parsed XML (null when the body was empty), whether Digest was offered. */
    public record Reply(int status, Document xml, boolean digestChallenge) {}

    /** A request that can be aborted from another thread (e.g. when a long poll is cancelled). */
    public interface Abortable {
        void abort();
    }

    /**
     * POSTs a SOAP 1.2 envelope. {@code timeout} (null → the default) is the deadline for the whole call, reading
     * the reply included: a camera that trickles its answer byte by byte is cut off there, not after an hour.
     * {@code onStart} receives a handle to abort the request from another thread; may be null. Idempotent calls
     * ({@code retryable}) are tried once more on a fresh connection when the first attempt got no answer at all:
     * a camera that closed an idle kept-alive connection without saying so, or one that has just booted.
     */
    public Reply post(URI url, String action, byte[] envelope, HttpClientContext context, Duration timeout,
            java.util.function.Consumer<Abortable> onStart, boolean retryable) throws OnvifException {
        requireAllowedLiteral(url);
        Duration t = timeout == null ? responseTimeout : timeout;
        return withOneRetry(url, action, t, retryable, deadline -> {
            HttpPost post = new HttpPost(url);
            ContentType type = ContentType.create("application/soap+xml", "UTF-8")
                    .withParameters(new org.apache.hc.core5.http.message.BasicNameValuePair("action", action));
            post.setEntity(new ByteArrayEntity(envelope, type));
            post.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(t))
                    .setTargetPreferredAuthSchemes(List.of(StandardAuthScheme.DIGEST))
                    .build());
            if (onStart != null) {
                onStart.accept(post::cancel);
            }
            return withDeadline(post, deadline, () -> soapReply(url, post, context));
        });
    }

    /** As {@link #post(URI, String, byte[], HttpClientContext, Duration, java.util.function.Consumer, boolean)}, retrying. */
    public Reply post(URI url, String action, byte[] envelope, HttpClientContext context, Duration timeout,
            java.util.function.Consumer<Abortable> onStart) throws OnvifException {
        return post(url, action, envelope, context, timeout, onStart, true);
    }

    private Reply soapReply(URI url, HttpPost post, HttpClientContext context) throws OnvifException, IOException {
        try (ClassicHttpResponse resp = client.executeOpen(HttpHost.create(url), post, context)) {
            int status = resp.getCode();
            boolean digest = false;
            for (var h : resp.getHeaders("WWW-Authenticate")) {
                digest |= h.getValue() != null && h.getValue().regionMatches(true, 0, "Digest", 0, 6);
            }
            HttpEntity entity = resp.getEntity();
            if (entity == null) {
                return new Reply(status, null, digest);
            }
            byte[] body = readBody(post, entity, replyLimit);
            if (body.length == 0 || isBlank(body)) {
                return new Reply(status, null, digest);
            }
            try {
                return new Reply(status, SafeXml.parse(body, replyLimit), digest);
            } catch (SafeXml.RejectedXmlException e) {
                if (status != 200 && status != 400 && status != 500) {
                    return new Reply(status, null, digest); // HTML error pages are common; status says enough
                }
                throw new OnvifReplyException(e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a reply body up to {@code limit} bytes. Over the limit the request is aborted BEFORE its stream is
     * closed: closing the stream of a kept-alive connection would read the rest of an endless reply to reuse it.
     */
    private static byte[] readBody(org.apache.hc.client5.http.classic.methods.HttpUriRequestBase request,
            HttpEntity entity, int limit) throws OnvifException, IOException {
        if (entity.getContentLength() > limit) {
            request.cancel();
            throw new OnvifReplyException("reply of " + entity.getContentLength() + " bytes refused", null);
        }
        InputStream in = entity.getContent();
        try {
            byte[] body = SafeXml.readBounded(in, limit);
            in.close();
            return body;
        } catch (SafeXml.RejectedXmlException e) {
            request.cancel();
            throw new OnvifReplyException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            request.cancel();
            throw e;
        }
    }

    /** A GET reply: status, body (empty unless 2xx), content type (may be null). */
    public record Fetched(int status, byte[] body, String contentType) {}

    /**
     * GETs a small binary resource such as a camera snapshot: the same deadline, no redirects and address
     * policy as SOAP calls; Digest preferred, Basic accepted (some cameras offer nothing else for snapshots).
     * A body over {@code limit} bytes is refused without being drained.
     */
    public Fetched get(URI url, HttpClientContext context, Duration timeout, int limit) throws OnvifException {
        requireAllowedLiteral(url);
        Duration t = timeout == null ? responseTimeout : timeout;
        return withOneRetry(url, "GET", t, true, deadline -> {
            org.apache.hc.client5.http.classic.methods.HttpGet get =
                    new org.apache.hc.client5.http.classic.methods.HttpGet(url);
            get.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(t))
                    .setTargetPreferredAuthSchemes(List.of(StandardAuthScheme.DIGEST, StandardAuthScheme.BASIC))
                    .build());
            return withDeadline(get, deadline, () -> fetched(url, get, context, limit));
        });
    }

    private interface Attempt<T> {
        T run(long deadlineNanos) throws OnvifException;
    }

    /**
     * Runs {@code attempt} (a fresh request each time) until the overall deadline {@code timeout} from now; when it got
     * no answer at all and {@code retryable}, once more on a fresh connection.
     */
    private <T> T withOneRetry(URI url, String what, Duration timeout, boolean retryable, Attempt<T> attempt)
            throws OnvifException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean again = retryable;
        while (true) {
            try {
                return attempt.run(deadline);
            } catch (NoAnswer e) {
                if (!again || !retryWorthIt(e.getCause(), deadline)) {
                    throw e.asTimeout(url);
                }
                again = false;
                log.debug("{} at {} got no answer ({}); trying once more on a fresh connection", what, url.getHost(),
                        e.getCause().getClass().getSimpleName());
                pause(RETRY_PAUSE);
            }
        }
    }

    private Fetched fetched(URI url, org.apache.hc.client5.http.classic.methods.HttpGet get, HttpClientContext context,
            int limit) throws OnvifException, IOException {
        try (ClassicHttpResponse resp = client.executeOpen(HttpHost.create(url), get, context)) {
            int status = resp.getCode();
            HttpEntity entity = resp.getEntity();
            if (status < 200 || status >= 300 || entity == null) {
                get.cancel();
                return new Fetched(status, new byte[0], null);
            }
            if (entity.getContentLength() > limit) {
                get.cancel();
                throw new OnvifReplyException("reply of " + entity.getContentLength() + " bytes refused", null);
            }
            InputStream in = entity.getContent();
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                get.cancel();
                throw new OnvifReplyException("reply over " + limit + " bytes refused", null);
            }
            in.close();
            return new Fetched(status, body, entity.getContentType());
        }
    }

    private interface Call<T> {
        T run() throws OnvifException, IOException;
    }

    /** Runs {@code call}, aborting {@code request} when the deadline passes, whatever the camera is doing then. */
    private <T> T withDeadline(org.apache.hc.client5.http.classic.methods.HttpUriRequestBase request, long deadline,
            Call<T> call) throws OnvifException {
        long left = deadline - System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> guard = deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, Math.max(1, left), TimeUnit.NANOSECONDS);
        try {
            return call.run();
        } catch (PolicyRefusal e) {
            throw new AddressNotAllowedException(e.address);
        } catch (IOException e) {
            if (expired.get()) {
                throw new OnvifTimeoutException("no complete answer within the deadline", e);
            }
            if (request.isCancelled()) {
                throw new OnvifTimeoutException("aborted", e);
            }
            // timeouts, refused or reset connections: the camera did not (really) answer
            throw new NoAnswer(e);
        } finally {
            guard.cancel(false);
        }
    }

    /** Worth one more try: the camera dropped or refused the connection (not: it was merely slow). */
    private static boolean retryWorthIt(Throwable why, long deadline) {
        boolean dropped = why instanceof org.apache.hc.core5.http.NoHttpResponseException
                || why instanceof java.net.SocketException
                || why instanceof org.apache.hc.core5.http.ConnectionClosedException;
        return dropped && deadline - System.nanoTime() > RETRY_PAUSE.toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
    }

    private static void pause(Duration d) throws OnvifTimeoutException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifTimeoutException("interrupted", e);
        }
    }

    /** No answer on this attempt; carries the I/O failure until the caller decides whether to try again. */
    private static final class NoAnswer extends OnvifException {
        NoAnswer(IOException cause) {
            super("no.answer", cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }

        OnvifTimeoutException asTimeout(URI url) {
            return new OnvifTimeoutException(url.getHost() + ": " + getMessage(), getCause());
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (!Character.isWhitespace(x)) {
                return false;
            }
        }
        return true;
    }

    private void requireAllowedLiteral(URI url) throws OnvifException {
        String h = url.getHost();
        if (h == null) {
            throw new OnvifReplyException("URL without host: " + url, null);
        }
        if (h.startsWith("[")) {
            h = h.substring(1, h.length() - 1);
        }
        if (WsDiscovery.isLiteral(h)) {
            policy.require(h, WsDiscovery.literal(h));
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            log.debug("closing HTTP client: {}", e.getMessage());
        }
    }

    /** Resolves host names, then refuses every address outside the policy before a connection is tried. */
    private static final class PolicyDnsResolver implements DnsResolver {
        private final AddressPolicy policy;

        PolicyDnsResolver(AddressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress a : all) {
                if (!policy.isAllowed(host, a)) {
                    throw new PolicyRefusal(a.getHostAddress());
                }
            }
            return all;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }

    private static final class PolicyRefusal extends UnknownHostException {
        final String address;

        PolicyRefusal(String address) {
            super("address not allowed: " + address);
            this.address = address;
        }
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
