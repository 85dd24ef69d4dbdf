package org.doorstep.onvif;

import org.doorstep.common.Threads;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * PullPoint events: CreatePullPointSubscription (PT60S) → PullMessages in a loop → Renew before it runs out →
 * Unsubscribe on close. Failures reconnect with exponential backoff; {@link #close()} cancels at once, also
 * a long poll in flight.
 */
public final class OnvifEventClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnvifEventClient.class);
    static final String ACTION_CREATE = OnvifClient.NS_EVENTS + "/EventPortType/CreatePullPointSubscriptionRequest";
    static final String ACTION_PULL = OnvifClient.NS_EVENTS + "/PullPointSubscription/PullMessagesRequest";
    static final String ACTION_RENEW = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest";
    static final String ACTION_UNSUBSCRIBE = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest";
    /** Pull long-poll length; the HTTP response timeout is this plus a margin and never under 90 s. */
    static final Duration PULL_WAIT = Duration.ofSeconds(10);
    static final Duration PULL_HTTP_TIMEOUT = Duration.ofSeconds(90);
    /** The shortest long poll, for cameras whose server cuts longer ones short. */
    static final Duration MIN_PULL_WAIT = Duration.ofSeconds(1);
    static final Duration RENEW_MARGIN = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final OnvifClient client;
    private final Consumer<CameraEvent> listener;
    private final Consumer<OnvifException> onError;
    private final Runnable onSubscribed;
    private final Duration firstBackoff;
    private final Clock clock;
    private volatile List<String> ringTopics = List.of();
    private volatile Consumer<EventTopics.TopicChange> topicWatcher = change -> { };
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<OnvifHttp.Abortable> inFlight = new AtomicReference<>();
    private volatile Thread thread;

    /** A subscription as the camera handed it out, address already pointed at the camera's host. */
    record Subscription(URI address, List<String> referenceParameters, Instant localDeadline) {}

    public OnvifEventClient(OnvifClient client, Consumer<CameraEvent> listener, Consumer<OnvifException> onError) {
        this(client, listener, onError, Duration.ofSeconds(1), Clock.systemUTC());
    }

    public OnvifEventClient(OnvifClient client, Consumer<CameraEvent> listener, Consumer<OnvifException> onError,
            Duration firstBackoff, Clock clock) {
        this(client, listener, onError, null, firstBackoff, clock);
    }

    /**
     * @param onSubscribed called (on the event thread) each time a subscription has been created, also after a
     *                     reconnect; may be null
     * @param clock        our clock; also used to measure the camera clock offset before each subscription
     */
    public OnvifEventClient(OnvifClient client, Consumer<CameraEvent> listener, Consumer<OnvifException> onError,
            Runnable onSubscribed, Duration firstBackoff, Clock clock) {
        this.client = client;
        this.listener = listener;
        this.onError = onError == null ? e -> { } : onError;
        this.onSubscribed = onSubscribed == null ? () -> { } : onSubscribed;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    /** Topics that count as a ring for this camera besides the built-in ones (see {@link EventTopics}). */
    public OnvifEventClient ringTopics(List<String> topics) {
        this.ringTopics = List.copyOf(topics);
        return this;
    }

    /** Also tells {@code watcher} about every notification, on any topic (for "press the bell now"). */
    public OnvifEventClient watchTopics(Consumer<EventTopics.TopicChange> watcher) {
        this.topicWatcher = watcher;
        return this;
    }

    /** Runs the loop on a daemon thread. */
    public synchronized OnvifEventClient start() {
        if (thread == null) {
            thread = Threads.start(this::run, "onvif-events-" + client.deviceUrl().getHost());
        }
        return this;
    }

    boolean stopped() {
        return stop.getCount() == 0;
    }

    /** The loop itself; returns after {@link #close()}. */
    public void run() {
        Duration backoff = firstBackoff;
        while (!stopped()) {
            Subscription sub = null;
            try {
                if (client.services().events() == null) {
                    throw new OnvifFaultException("env:Receiver", "ter:ActionNotSupported", "no event service");
                }
                measureClock();
                sub = create();
                backoff = firstBackoff;
                onSubscribed.run();
                Duration pullWait = PULL_WAIT;
                int cutInARow = 0;
                while (!stopped()) {
                    // the next pull may wait pullWait: renew first unless the subscription outlives that wait
                    // with margin, or it can run out on the camera while we are waiting (events lost, reconnect)
                    if (!clock.instant().plus(pullWait).plus(RENEW_MARGIN).isBefore(sub.localDeadline())) {
                        sub = renew(sub);
                    }
                    long started = System.nanoTime();
                    try {
                        pull(sub, pullWait);
                        cutInARow = 0;
                    } catch (OnvifTimeoutException e) {
                        Duration lasted = Duration.ofNanos(System.nanoTime() - started);
                        if (stopped() || ++cutInARow > 3 || lasted.compareTo(MIN_PULL_WAIT) < 0) {
                            throw e;
                        }
                        // the camera's server cut the long poll short: the subscription still holds the events,
                        // so pull again at once on it, waiting less (a resubscription would lose them)
                        pullWait = pullWait.dividedBy(2).compareTo(MIN_PULL_WAIT) < 0 ? MIN_PULL_WAIT
                                : pullWait.dividedBy(2);
                        log.debug("long poll at {} cut after {} ms; pulling again with {} ms",
                                client.deviceUrl().getHost(), lasted.toMillis(), pullWait.toMillis());
                    }
                }
            } catch (OnvifException e) {
                if (stopped()) {
                    break;
                }
                log.info("camera events at {} interrupted: {}; retrying in {} s", client.deviceUrl().getHost(),
                        e.getMessage(), backoff.toSeconds());
                onError.accept(e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                // an odd reply or a bug must not end the event watch for good (rings would stop): log, back off
                if (stopped()) {
                    break;
                }
                log.warn("camera events at {} failed unexpectedly; retrying in {} s", client.deviceUrl().getHost(),
                        backoff.toSeconds(), e);
                onError.accept(new OnvifReplyException("unexpected failure: " + e, e));
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                if (sub != null && stopped()) {
                    unsubscribe(sub);
                }
            }
        }
    }

    /**
     * Event times are converted with the camera clock offset: measure it afresh before each subscription (a
     * camera that rebooted or synced its clock since has a new one). Keeps the old offset when that fails.
     */
    private void measureClock() {
        try {
            client.measureClockOffset(this::stopped);
        } catch (OnvifException e) {
            log.debug("camera time at {} not available ({}); keeping offset {}", client.deviceUrl().getHost(),
                    e.getMessage(), client.clockOffset());
        }
    }

    private void sleep(Duration d) {
        try {
            stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private Document send(URI to, String action, String body, List<String> refParams, Duration timeout)
            throws OnvifException {
        StringBuilder headers = new StringBuilder()
                .append("<wsa:Action>").append(action).append("</wsa:Action>")
                .append("<wsa:MessageID>urn:uuid:").append(UUID.randomUUID()).append("</wsa:MessageID>")
                .append("<wsa:To>").append(SafeXml.escape(to.toString())).append("</wsa:To>");
        refParams.forEach(headers::append);
        return client.call(to, action, body, headers.toString(), timeout, inFlight::set, false);
    }

    Subscription create() throws OnvifException {
        URI events = client.services().events();
        Document d = send(events, ACTION_CREATE, "<tev:CreatePullPointSubscription>"
                + "<tev:InitialTerminationTime>PT60S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>",
                List.of(), null);
        Element ref = SafeXml.first(d, "SubscriptionReference").orElseThrow(
                () -> new OnvifReplyException("subscription without reference", null));
        URI address = client.rebase(SafeXml.pathText(ref, "Address"));
        if (address == null) {
            throw new OnvifReplyException("subscription without address", null);
        }
        List<String> params = new ArrayList<>();
        SafeXml.child(ref, "ReferenceParameters").ifPresent(rp -> SafeXml.children(rp).forEach(
                e -> params.add(serialize(e))));
        return new Subscription(address, params, deadline(d));
    }

    /** Our-clock deadline from the camera's CurrentTime/TerminationTime (their difference, so skew does not matter). */
    private Instant deadline(Document d) {
        Instant now = clock.instant();
        Instant current = EventTopics.time(SafeXml.text(d, "CurrentTime"), null);
        Instant end = EventTopics.time(SafeXml.text(d, "TerminationTime"), null);
        if (current == null || end == null || !end.isAfter(current)) {
            return now.plusSeconds(60);
        }
        return now.plus(Duration.between(current, end));
    }

    Subscription renew(Subscription sub) throws OnvifException {
        Document d = send(sub.address(), ACTION_RENEW,
                "<wsnt:Renew><wsnt:TerminationTime>PT60S</wsnt:TerminationTime></wsnt:Renew>",
                sub.referenceParameters(), null);
        return new Subscription(sub.address(), sub.referenceParameters(), deadline(d));
    }

    void pull(Subscription sub) throws OnvifException {
        pull(sub, PULL_WAIT);
    }

    void pull(Subscription sub, Duration wait) throws OnvifException {
        Duration httpTimeout = wait.plusSeconds(30).compareTo(PULL_HTTP_TIMEOUT) > 0
                ? wait.plusSeconds(30) : PULL_HTTP_TIMEOUT;
        Document d = send(sub.address(), ACTION_PULL, "<tev:PullMessages><tev:Timeout>PT" + wait.toSeconds()
                + "S</tev:Timeout><tev:MessageLimit>32</tev:MessageLimit></tev:PullMessages>",
                sub.referenceParameters(), httpTimeout);
        for (EventTopics.TopicChange change : EventTopics.changes(d)) {
            try {
                topicWatcher.accept(change);
            } catch (RuntimeException ex) {
                log.warn("topic watcher failed", ex);
            }
        }
        for (CameraEvent e : EventTopics.parse(d, client.clockOffset(), clock.instant().plus(client.clockOffset()),
                ringTopics)) {
            try {
                listener.accept(e);
            } catch (RuntimeException ex) {
                log.warn("event listener failed", ex);
            }
        }
    }

    private void unsubscribe(Subscription sub) {
        try {
            send(sub.address(), ACTION_UNSUBSCRIBE, "<wsnt:Unsubscribe/>", sub.referenceParameters(),
                    Duration.ofSeconds(3));
        } catch (OnvifException e) {
            log.debug("unsubscribe failed: {}", e.getMessage());
        }
    }

    private static String serialize(Element e) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            var w = new java.io.StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString();
        } catch (TransformerException ex) {
            return "";
        }
    }

    /** Stops the loop, aborts a poll in flight and unsubscribes. */
    @Override
    public void close() {
        stop.countDown();
        OnvifHttp.Abortable a = inFlight.get();
        if (a != null) {
            a.abort();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
