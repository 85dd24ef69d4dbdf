package org.doorstep.ui.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;

/**
 * Shows decoded video: an {@link ImageView} over {@link PixelBuffer}s whose memory FFmpeg's scaler writes directly
 * (BGRA = IntArgbPre on little-endian machines), so no pixel is copied in Java. Three buffers rotate: the one on
 * screen, the one shown before it (the render thread may still be drawing it for one pulse), and the one the decoder
 * writes; a published frame is swapped in on the FX thread with {@code updateBuffer}. When the FX thread falls
 * behind, the waiting frame is overwritten by the next (dropped), the decoder never waits.
 *
 * <p>{@link #wanted()} is the node's laid-out size in device pixels (times the digital zoom), and 0×0 while the node
 * is not in a showing, non-minimised window or not visible, so a producer decodes nothing for it.
 */
public final class VideoSurface implements FrameTarget {
    /** How old the visibility may be when a producer asks (it is also recomputed on every layout change). */
    private static final long STALE_NANOS = 250_000_000L;

    private final ImageView view = new ImageView();
    private final Region node = new Region() {
        {
            getChildren().add(view);
            getStyleClass().add("video-surface");
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            double h = getHeight();
            view.setFitWidth(w);
            view.setFitHeight(h);
            view.autosize();
            double iw = view.getLayoutBounds().getWidth();
            double ih = view.getLayoutBounds().getHeight();
            view.relocate((w - iw) / 2, (h - ih) / 2);
            refresh();
        }
    };
    private final ReadOnlyBooleanWrapper hasPicture = new ReadOnlyBooleanWrapper(this, "hasPicture");
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile Size box = Size.NONE;
    private volatile long boxAt = System.nanoTime();
    private volatile double magnification = 1.0;

    private final Object lock = new Object();
    private final Slot[] pool = new Slot[3];
    private Slot front;
    private Slot retiring;
    private Slot pending;
    private Slot writing;
    private boolean swapQueued;

    /** One buffer: its memory, the PixelBuffer over it and the image that shows it. */
    private record Slot(int width, int height, ByteBuffer bytes, PixelBuffer<IntBuffer> pixels, WritableImage image) {
        static Slot of(int width, int height) {
            ByteBuffer bytes = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
            PixelBuffer<IntBuffer> pixels = new PixelBuffer<>(width, height, bytes.asIntBuffer(),
                    PixelFormat.getIntArgbPreInstance());
            return new Slot(width, height, bytes, pixels, new WritableImage(pixels));
        }
    }

    public VideoSurface() {
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setManaged(false);
        node.setMinSize(0, 0);
        node.setPrefSize(320, 180);
        node.sceneProperty().addListener((o, was, scene) -> {
            refresh();
            if (scene != null) {
                scene.windowProperty().addListener((o2, w0, w1) -> watchWindow(w1));
                watchWindow(scene.getWindow());
            }
        });
        node.visibleProperty().addListener((o, was, now) -> refresh());
    }

    private void watchWindow(Window window) {
        if (window != null) {
            window.showingProperty().addListener((o, was, now) -> refresh());
            if (window instanceof Stage stage) {
                stage.iconifiedProperty().addListener((o, was, now) -> refresh());
            }
        }
    }

    /** The node to put into a layout; it takes whatever size its parent gives it and letterboxes the video. */
    public Node node() {
        return node;
    }

    /** True while a frame is shown. */
    public ReadOnlyBooleanProperty hasPictureProperty() {
        return hasPicture.getReadOnlyProperty();
    }

    /** The image shown now, or null; for tests and snapshots. */
    public javafx.scene.image.Image image() {
        return view.getImage();
    }

    /** Removes the picture (the stream stopped or changed); on the FX thread. */
    public void clear() {
        synchronized (lock) {
            front = null;
            retiring = null;
            pending = null;
        }
        view.setImage(null);
        hasPicture.set(false);
    }

    @Override
    public Size wanted() {
        if (System.nanoTime() - boxAt > STALE_NANOS) {
            requestRefresh(); // e.g. an ancestor was hidden: no event reaches this node for that
        }
        Size b = box;
        return magnification > 1.0 ? b.times(magnification) : b;
    }

    @Override
    public ByteBuffer acquire(int width, int height) {
        synchronized (lock) {
            // the slot to write: neither on screen nor just taken off it; the waiting frame if nothing else is free
            int free = -1;
            int waiting = -1;
            for (int i = 0; i < pool.length; i++) {
                Slot s = pool[i];
                if (s != null && (s == front || s == retiring)) {
                    continue;
                }
                if (s != null && s == pending) {
                    waiting = i;
                } else if (free < 0) {
                    free = i;
                }
            }
            int chosen = free >= 0 ? free : waiting;
            if (chosen == waiting) {
                pending = null; // the FX thread has not taken the last frame yet: it is dropped for this one
            }
            Slot slot = pool[chosen];
            if (slot == null || slot.width() != width || slot.height() != height) {
                // allocated when first written at this size, one at a time: a window being resized does not churn
                // three big buffers per frame
                slot = Slot.of(width, height);
                pool[chosen] = slot;
            }
            writing = slot;
            return slot.bytes();
        }
    }

    @Override
    public void publish() {
        synchronized (lock) {
            if (writing == null) {
                return;
            }
            pending = writing;
            writing = null;
            if (swapQueued) {
                return;
            }
            swapQueued = true;
        }
        Platform.runLater(this::swap);
    }

    /** FX thread: the waiting frame goes on screen. */
    private void swap() {
        Slot shown;
        synchronized (lock) {
            swapQueued = false;
            shown = pending;
            if (shown == null) {
                return;
            }
            pending = null;
            retiring = front;
            front = shown;
        }
        shown.pixels().updateBuffer(b -> null); // null: the whole picture changed
        if (view.getImage() != shown.image()) {
            view.setImage(shown.image());
            node.requestLayout();
        }
        hasPicture.set(true);
    }

    /** The digital zoom's factor: a zoomed picture is decoded at the size it is shown at. */
    void setMagnification(double factor) {
        magnification = Math.max(1.0, factor);
    }

    ImageView imageView() {
        return view;
    }

    private void requestRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            try {
                Platform.runLater(this::refresh);
            } catch (IllegalStateException toolkitGone) {
                refreshQueued.set(false);
                box = Size.NONE;
            }
        }
    }

    /** FX thread: recomputes the box from the node's size, its visibility and its window. */
    private void refresh() {
        refreshQueued.set(false);
        box = visible() ? deviceSize() : Size.NONE;
        boxAt = System.nanoTime();
    }

    private Size deviceSize() {
        Window window = node.getScene().getWindow();
        double sx = window.getRenderScaleX();
        double sy = window.getRenderScaleY();
        int w = (int) Math.round(node.getWidth() * sx) & ~1;
        int h = (int) Math.round(node.getHeight() * sy) & ~1;
        return w <= 0 || h <= 0 ? Size.NONE : new Size(w, h);
    }

    private boolean visible() {
        if (node.getScene() == null) {
            return false;
        }
        Window window = node.getScene().getWindow();
        if (window == null || !window.isShowing() || window instanceof Stage s && s.isIconified()) {
            return false;
        }
        for (Parent p = node; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
