package org.doorstep.usecase.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.DiscoveredDevice;
import org.doorstep.onvif.HelloByeListener;
import org.doorstep.onvif.WsDiscoveryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cameras announcing themselves (WS-Discovery Hello, Bye) while a search runs, merged with the probe answers: a
 * camera plugged in during the search is reported as found, one saying Bye is reported gone and left out of the
 * result. Thread-safe: the listener's thread and the search's thread both report here.
 */
final class Announcements implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);

    private final Consumer<DiscoveredDevice> found;
    private final Consumer<String> gone;
    /** Every device reported so far (by probe answer or by Hello) and not gone, by endpoint. */
    private final Map<String, DiscoveredDevice> known = new LinkedHashMap<>();
    private final Set<String> byes = new LinkedHashSet<>();
    private HelloByeListener listener;

    private Announcements(Consumer<DiscoveredDevice> found, Consumer<String> gone) {
        this.found = found;
        this.gone = gone;
    }

    /**
     * Starts listening on {@code port}; when that port cannot be had (another program holds it without sharing) the
     * search goes on without announcements rather than failing.
     */
    static Announcements listen(AddressPolicy policy, int port, Consumer<DiscoveredDevice> found,
                                Consumer<String> gone) {
        Announcements a = new Announcements(found, gone);
        try {
            a.listener = new HelloByeListener(policy, port, WsDiscoveryClient.multicastInterfaces(), List.of(),
                    a::changed);
        } catch (IOException | RuntimeException e) {
            LOG.info("not listening for cameras announcing themselves on port {}: {}", port, e.getMessage());
        }
        return a;
    }

    /** A probe answer: reported, and remembered so that its Bye removes it. */
    void answered(DiscoveredDevice d) {
        synchronized (this) {
            known.put(d.endpoint(), d);
            byes.remove(d.endpoint());
        }
        if (listener != null) {
            listener.remember(d);
        }
        found.accept(d);
    }

    private void changed(List<DiscoveredDevice> now) {
        List<DiscoveredDevice> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        synchronized (this) {
            Set<String> present = new LinkedHashSet<>();
            for (DiscoveredDevice d : now) {
                present.add(d.endpoint());
                DiscoveredDevice old = known.put(d.endpoint(), d);
                if (old == null || !old.address().equals(d.address())) {
                    added.add(d);
                    byes.remove(d.endpoint());
                }
            }
            for (String endpoint : new ArrayList<>(known.keySet())) {
                if (!present.contains(endpoint)) {
                    known.remove(endpoint);
                    byes.add(endpoint);
                    removed.add(endpoint);
                }
            }
        }
        added.forEach(found);
        removed.forEach(gone);
    }

    /**
     * The probe's result without the cameras that said Bye, plus those that only announced themselves. A device
     * the probe found keeps the probe's details (it carries whether a password is needed).
     */
    synchronized List<DiscoveredDevice> withAnnouncements(List<DiscoveredDevice> probed) {
        Map<String, DiscoveredDevice> out = new LinkedHashMap<>();
        for (DiscoveredDevice d : probed) {
            if (!byes.contains(d.endpoint())) {
                out.put(d.endpoint(), d);
            }
        }
        known.forEach(out::putIfAbsent);
        return new ArrayList<>(out.values());
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
    }
}
