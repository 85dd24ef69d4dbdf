package org.doorstep.ui.events;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.scene.image.Image;
import org.doorstep.ui.common.UiExecutors;

/**
 * Event thumbnails, decrypted and decoded in the background at the small size the list shows them (a few KB each
 * instead of a full camera frame), and kept for the most recently shown events. Used on the FX thread only.
 */
final class ThumbnailCache {
    private final LongFunction<Optional<byte[]>> source;
    private final UiExecutors executors;
    private final double width;
    private final double height;
    private final Map<Long, Optional<Image>> cache;
    /** Cells waiting for a thumbnail that is being loaded: one load per event however many cells ask. */
    private final Map<Long, List<Consumer<Image>>> waiting = new HashMap<>();

    ThumbnailCache(LongFunction<Optional<byte[]>> source, UiExecutors executors, double width, double height,
                   int capacity) {
        this.source = source;
        this.executors = executors;
        this.width = width;
        this.height = height;
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Optional<Image>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Hands the event's thumbnail to {@code done} on the FX thread; null when it has none. */
    void load(long eventId, Consumer<Image> done) {
        Optional<Image> known = cache.get(eventId);
        if (known != null) {
            done.accept(known.orElse(null));
            return;
        }
        List<Consumer<Image>> queued = waiting.get(eventId);
        if (queued != null) {
            queued.add(done);
            return;
        }
        List<Consumer<Image>> first = new ArrayList<>(List.of(done));
        waiting.put(eventId, first);
        executors.background().execute(() -> {
            Optional<Image> image;
            try {
                image = source.apply(eventId).map(jpeg ->
                        new Image(new ByteArrayInputStream(jpeg), width, height, true, true));
                image = image.filter(i -> !i.isError());
            } catch (RuntimeException e) {
                image = Optional.empty(); // a list without one picture beats a list that stops loading
            }
            Optional<Image> loaded = image;
            executors.fx().execute(() -> {
                cache.put(eventId, loaded);
                List<Consumer<Image>> all = waiting.remove(eventId);
                if (all != null) {
                    all.forEach(c -> c.accept(loaded.orElse(null)));
                }
            });
        });
    }

    int size() {
        return cache.size();
    }
}
