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
    private final Duration responseTimeout;
    private final int replyLimit;

    public OnvifHttp(AddressPolicy policy) {
        this(policy, DEFAULT_CONNECT, DEFAULT_RESPONSE, SafeXml.SOAP_LIMIT);
    }

    public OnvifHttp(AddressPolicy policy, Duration connectTimeout, Duration responseTimeout, int replyLimit) {
        this.policy = policy;
        this.responseTimeout = responseTimeout;
        this.replyLimit = replyLimit;
        PoolingHttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PolicyDnsResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
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

    /** A reply: HTTP status, the parsed XML (null when the body was empty), whether Digest was offered. */
    public record Reply(int status, Document xml, boolean digestChallenge) {}

    /** A request that can be aborted from another thread (e.g. when a long poll is cancelled). */
    public interface Abortable {
        void abort();
    }

    /**
     * POSTs a SOAP 1.2 envelope. {@code timeout} null → the default response timeout.
     * {@code onStart} receives a handle to abort the request from another thread; may be null.
     */
    public Reply post(URI url, String action, byte[] envelope, HttpClientContext context, Duration timeout,
            java.util.function.Consumer<Abortable> onStart) throws OnvifException {
        requireAllowedLiteral(url);
        HttpPost post = new HttpPost(url);
        ContentType type = ContentType.create("application/soap+xml", "UTF-8")
                .withParameters(new org.apache.hc.core5.http.message.BasicNameValuePair("action", action));
        post.setEntity(new ByteArrayEntity(envelope, type));
        Duration t = timeout == null ? responseTimeout : timeout;
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(t))
                .setTargetPreferredAuthSchemes(List.of(StandardAuthScheme.DIGEST))
                .build());
        if (onStart != null) {
            onStart.accept(post::cancel);
        }
        HttpHost host = HttpHost.create(url);
        try (ClassicHttpResponse resp = client.executeOpen(host, post, context)) {
            int status = resp.getCode();
            boolean digest = false;
            for (var h : resp.getHeaders("WWW-Authenticate")) {
                digest |= h.getValue() != null && h.getValue().regionMatches(true, 0, "Digest", 0, 6);
            }
            HttpEntity entity = resp.getEntity();
            if (entity == null) {
                return new Reply(status, null, digest);
            }
            if (entity.getContentLength() > replyLimit) {
                post.cancel(); // do not drain it
                throw new OnvifReplyException("reply of " + entity.getContentLength() + " bytes refused", null);
            }
            byte[] body;
            try (InputStream in = entity.getContent()) {
                body = SafeXml.readBounded(in, replyLimit);
            } catch (SafeXml.RejectedXmlException e) {
                post.cancel();
                throw new OnvifReplyException(e.getMessage(), e);
            }
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
        } catch (PolicyRefusal e) {
            throw new AddressNotAllowedException(e.address);
        } catch (IOException e) {
            // timeouts, refused or reset connections, aborted requests: the camera did not (really) answer
            String why = post.isCancelled() ? "aborted" : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new OnvifTimeoutException(url.getHost() + ": " + why, e);
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
            policy.require(WsDiscovery.literal(h));
        }
    }

    @Override
    public void close() {
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
                if (!policy.isAllowed(a)) {
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
