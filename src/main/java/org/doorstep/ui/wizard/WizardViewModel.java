package org.doorstep.ui.wizard;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.onvif.WsDiscovery;
import org.doorstep.media.Picture;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.MaskEditorModel;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.discovery.Discovery;
import org.doorstep.usecase.setup.CameraSetup;
import org.doorstep.usecase.setup.SetupProblem;
import org.doorstep.usecase.watch.Watch;

/**
 * The camera wizard, page by page: scan (live results, progress, cancel; a unicast scan of one address or a /24 when
 * multicast finds nothing) or add by address → password → preview of both streams (codec, size, frame rate, a
 * picture of each) → "what does this camera see?" (masks, skippable) → name and retention → save, and recording
 * starts at once. Every failure is one sentence
 * with the next step; when ONVIF is off the brands' usual stream addresses are offered.
 */
public final class WizardViewModel {
    /** The wizard's pages in order; ADDRESS replaces SCAN+CREDENTIALS for "Add by address". */
    public enum Page { SCAN, ADDRESS, CREDENTIALS, PREVIEW, MASKS, SAVE }

    /** One line of the scan's results. */
    public record Result(CameraSetup.Found found, String title, String details, String mark) {
        @Override
        public String toString() {
            return title;
        }
    }

    static final Duration SCAN_TIME = Duration.ofSeconds(4);
    /** Preview pictures are shown about this wide; the masks are drawn on the main one. */
    static final int PREVIEW_WIDTH = 960;

    private final CameraSetup setup;
    private final Watch watch;
    private final UiExecutors executors;
    private final Messages text;
    private final Messages onvifSteps;
    private final int discoveryPort;

    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.SCAN);
    /** How long the bell step listens: long enough to walk to the door and press. */
    static final Duration BELL_WAIT = Duration.ofSeconds(45);
    private final ReadOnlyStringWrapper bell = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper listening = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper ringTopic = new ReadOnlyStringWrapper();
    private AtomicBoolean bellStop = new AtomicBoolean();
    private final ObservableList<Result> results = FXCollections.observableArrayList();
    private final StringProperty scanTarget = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper scanProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper scanStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Result> picked = new ReadOnlyObjectWrapper<>();

    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty subAddress = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty showPassword = new SimpleBooleanProperty(false);
    private final IntegerProperty rtspPort = new SimpleIntegerProperty(CameraSetup.RTSP_PORT);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper brandsOffered = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyObjectWrapper<CameraSetup.Checked> checked = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper mainInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper subInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper();
    private final ObjectProperty<Picture> mainPicture = new SimpleObjectProperty<>();
    private final ObjectProperty<Picture> subPicture = new SimpleObjectProperty<>();
    private final MaskEditorModel masks = new MaskEditorModel();

    private final StringProperty name = new SimpleStringProperty("");
    private final IntegerProperty retentionHours = new SimpleIntegerProperty(
            (int) Camera.DEFAULT_RETENTION.toHours());
    private final ReadOnlyObjectWrapper<Camera> saved = new ReadOnlyObjectWrapper<>();

    /** Set by whatever runs now; Cancel sets it. */
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param watch the running recorder to start the new camera on, or null when nothing records
     * @param discoveryPort the WS-Discovery port probed (3702; tests use the virtual doorbell's)
     */
    public WizardViewModel(CameraSetup setup, Watch watch, UiExecutors executors, Locale locale, int discoveryPort) {
        this.setup = setup;
        this.watch = watch;
        this.executors = executors;
        this.text = Messages.of("wizard", locale);
        this.onvifSteps = Messages.of("onvif", locale);
        this.discoveryPort = discoveryPort;
    }

    public WizardViewModel(CameraSetup setup, Watch watch, UiExecutors executors, Locale locale) {
        this(setup, watch, executors, locale, WsDiscovery.PORT);
    }

    public ReadOnlyObjectProperty<Page> pageProperty() { return page.getReadOnlyProperty(); }
    public ObservableList<Result> results() { return results; }
    /** Empty: multicast on every interface; an address: that camera; a CIDR such as 192.168.1.0/24: every host. */
    public StringProperty scanTargetProperty() { return scanTarget; }
    public ReadOnlyBooleanProperty scanningProperty() { return scanning.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty scanProgressProperty() { return scanProgress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty scanStatusProperty() { return scanStatus.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Result> pickedProperty() { return picked.getReadOnlyProperty(); }
    public StringProperty addressProperty() { return address; }
    public StringProperty subAddressProperty() { return subAddress; }
    public StringProperty userProperty() { return user; }
    public StringProperty passwordProperty() { return password; }
    public BooleanProperty showPasswordProperty() { return showPassword; }
    public IntegerProperty rtspPortProperty() { return rtspPort; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** What the check is doing now. */
    public ReadOnlyStringProperty stepProperty() { return step.getReadOnlyProperty(); }
    /** Why the last step failed, one sentence with the next step; null while there is nothing to say. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** ONVIF seems switched off: the brands' usual stream addresses may be tried. */
    public ReadOnlyBooleanProperty brandsOfferedProperty() { return brandsOffered.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<CameraSetup.Checked> checkedProperty() { return checked.getReadOnlyProperty(); }
    public ReadOnlyStringProperty mainInfoProperty() { return mainInfo.getReadOnlyProperty(); }
    public ReadOnlyStringProperty subInfoProperty() { return subInfo.getReadOnlyProperty(); }
    /** Something to know that does not stop the camera (its clock is far off). */
    public ReadOnlyStringProperty warningProperty() { return warning.getReadOnlyProperty(); }
    /** A picture of the main stream as it comes now, or null when none came. */
    public ObjectProperty<Picture> mainPictureProperty() { return mainPicture; }
    /** A picture of the sub stream, or null (none came, or the camera has one stream). */
    public ObjectProperty<Picture> subPictureProperty() { return subPicture; }
    /** "What does this camera see?": detection and privacy masks drawn over the main picture before saving. */
    public MaskEditorModel masks() { return masks; }
    public StringProperty nameProperty() { return name; }
    public IntegerProperty retentionHoursProperty() { return retentionHours; }
    public ReadOnlyObjectProperty<Camera> savedProperty() { return saved.getReadOnlyProperty(); }
    /** What the bell step says: listening, the topic heard, or that nothing was pressed; null before it runs. */
    public ReadOnlyStringProperty bellProperty() { return bell.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty listeningProperty() { return listening.getReadOnlyProperty(); }
    /** The topic to count as a ring when saving; null when none (or the built-in one) was heard. */
    public ReadOnlyStringProperty ringTopicProperty() { return ringTopic.getReadOnlyProperty(); }

    /**
     * "Press the bell now": listens to the camera's events for {@link #BELL_WAIT}; a button reported on a topic
     * Doorstep does not count as a ring yet is remembered and mapped when the camera is saved.
     */
    public void listenForBell() {
        CameraSetup.Checked c = checked.get();
        if (c == null || listening.get()) {
            return;
        }
        String who = user.get();
        char[] secret = secret();
        AtomicBoolean stop = new AtomicBoolean();
        bellStop = stop;
        listening.set(true);
        ringTopic.set(null);
        bell.set(text.get("bell.listening", BELL_WAIT.toSeconds()));
        executors.background().execute(() -> {
            try {
                var press = setup.listenForBell(c, who, secret, BELL_WAIT, stop::get, topic -> { });
                executors.fx().execute(() -> {
                    listening.set(false);
                    if (press.isEmpty()) {
                        bell.set(stop.get() ? null : text.get("bell.nothing"));
                    } else if (press.get().alreadyARing()) {
                        bell.set(text.get("bell.known"));
                    } else {
                        ringTopic.set(press.get().topic());
                        bell.set(text.get("bell.heard", press.get().topic()));
                    }
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    listening.set(false);
                    bell.set(sentence);
                });
            } finally {
                if (secret != null) {
                    java.util.Arrays.fill(secret, '\0');
                }
            }
        });
    }

    /**
     * Starts live video of both streams into the preview's surfaces (the pictures stay underneath until frames
     * come); the dialog closes the handle when the preview page goes. Null when nothing is checked yet.
     */
    public AutoCloseable livePreview(org.doorstep.media.FrameTarget main, org.doorstep.media.FrameTarget sub) {
        CameraSetup.Checked c = checked.get();
        if (c == null) {
            return null;
        }
        try {
            return setup.livePreview(c, user.get(), secret(), main, sub);
        } catch (RuntimeException e) {
            warning.set(Sentences.of(e));
            return null;
        }
    }

    /** Stops listening for the bell. */
    public void stopListening() {
        bellStop.set(true);
    }

    // ------------------------------------------------------------------ scan

    /** Scans as {@link #scanTargetProperty()} says; results appear as cameras answer. */
    public void scan() {
        if (scanning.get() || busy.get()) {
            return;
        }
        String target = scanTarget.get() == null ? "" : scanTarget.get().strip();
        Discovery.Search search = target.isEmpty() ? new Discovery.Search(SCAN_TIME, null, null, discoveryPort, List.of())
                : target.contains("/") ? new Discovery.Search(SCAN_TIME, null, target, discoveryPort, List.of())
                : new Discovery.Search(SCAN_TIME, target, null, discoveryPort, List.of());
        results.clear();
        problem.set(null);
        scanning.set(true);
        scanProgress.set(0);
        scanStatus.set(text.get(target.isEmpty() ? "scan.everywhere" : "scan.searching", target));
        AtomicBoolean stop = fresh();
        long start = System.nanoTime();
        long[] lastReport = {0};
        // discovery polls this every 100 ms or so: it doubles as the progress clock
        BooleanSupplier cancelled = () -> {
            long now = System.nanoTime();
            if (now - lastReport[0] > 100_000_000L) {
                lastReport[0] = now;
                double done = Math.min(1.0, (now - start) / (double) SCAN_TIME.toNanos());
                executors.fx().execute(() -> {
                    if (scanning.get()) {
                        scanProgress.set(done);
                        if (done >= 1.0) {
                            scanStatus.set(text.get("scan.passwords"));
                        }
                    }
                });
            }
            return stop.get();
        };
        executors.background().execute(() -> {
            try {
                // a camera plugged in during the scan announces itself (Hello) and appears; one saying Bye goes
                List<CameraSetup.Found> all = setup.find(search,
                        f -> executors.fx().execute(() -> show(f)),
                        endpoint -> executors.fx().execute(() -> results.removeIf(
                                r -> r.found().device().endpoint().equals(endpoint))),
                        cancelled);
                executors.fx().execute(() -> {
                    all.forEach(this::show); // now with "needs a password" known
                    finishScan(text.get(results.isEmpty() ? (target.isEmpty() ? "scan.none" : "scan.noneThere")
                            : "scan.found", results.size(), target, setup.localSubnet().orElse("192.168.1.0/24")));
                });
            } catch (CancellationException e) {
                executors.fx().execute(() -> finishScan(text.get("scan.cancelled", results.size())));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    finishScan("");
                    problem.set(sentence);
                });
            }
        });
    }

    /** A /24 of this computer's network to try when multicast found nothing (filled into the scan target). */
    public void offerSubnet() {
        scanTarget.set(setup.localSubnet().orElse("192.168.1.0/24"));
    }

    private void finishScan(String status) {
        scanning.set(false);
        scanProgress.set(1);
        scanStatus.set(status);
    }

    private void show(CameraSetup.Found f) {
        Result r = result(f);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).found().device().endpoint().equals(f.device().endpoint())) {
                results.set(i, r);
                return;
            }
        }
        results.add(r);
    }

    private Result result(CameraSetup.Found f) {
        var d = f.device();
        String title = d.name() != null ? d.name() : d.model() != null ? d.model() : text.get("result.unnamed");
        String maker = d.manufacturer() == null ? text.get("result.unknownMaker") : d.manufacturer();
        String model = d.model() == null ? text.get("result.unknownModel") : d.model();
        String auth = d.needsAuth() == null ? text.get("result.auth.unknown")
                : d.needsAuth() ? text.get("result.auth.yes") : text.get("result.auth.no");
        String details = text.get("result.details", maker, model, f.address(), auth);
        String mark = f.cloudOnly() != null ? text.get("result.cloudOnly")
                : f.alreadyAdded() ? text.get("result.added") : "";
        return new Result(f, title, details, mark);
    }

    /** Picks a found camera: on to its password, unless it is cloud-only or already added (then a sentence). */
    public void pick(Result r) {
        if (r == null || busy.get()) {
            return;
        }
        if (r.found().cloudOnly() != null) {
            problem.set(r.found().cloudOnly());
            return;
        }
        if (r.found().alreadyAdded()) {
            problem.set(text.get("pick.added", r.title()));
            return;
        }
        cancelRunning();
        picked.set(r);
        problem.set(null);
        brandsOffered.set(false);
        name.set(r.title());
        page.set(Page.CREDENTIALS);
    }

    /** "Add by address": a stream address or an ONVIF host typed by hand. */
    public void byAddress() {
        cancelRunning();
        picked.set(null);
        problem.set(null);
        brandsOffered.set(false);
        page.set(Page.ADDRESS);
    }

    /** An address starting with rtsp:// or rtsps:// is a stream; anything else is a camera host asked over ONVIF. */
    public boolean isStreamAddress() {
        String a = address.get() == null ? "" : address.get().strip().toLowerCase(Locale.ROOT);
        return a.startsWith("rtsp://") || a.startsWith("rtsps://");
    }

    // ------------------------------------------------------------------ check

    /** Checks the picked camera (or the typed address) with the password: on to the preview when it plays. */
    public void check() {
        if (busy.get()) {
            return;
        }
        Result r = picked.get();
        if (r == null && isStreamAddress()) {
            splitCredentials();
        }
        String where = r != null ? r.found().device().onvifUrl().toString()
                : address.get() == null ? "" : address.get().strip();
        boolean stream = r == null && isStreamAddress();
        String sub = subAddress.get();
        int rtsp = rtspPort.get();
        String who = user.get();
        char[] secret = secret();
        AtomicBoolean stop = start();
        executors.background().execute(() -> {
            try {
                CameraSetup.Checked c = stream ? setup.checkStreams(where, sub, who, secret)
                        : setup.checkOnvif(where, who, secret, rtsp,
                                s -> executors.fx().execute(() -> step.set(onvifSteps.get("setup.step." + s))),
                                stop::get);
                preview(c, who, secret, stop);
            } catch (RuntimeException e) {
                failed(e, stop);
            }
        });
    }

    /**
     * A stream address with user and password inside: they move to their fields (the password hidden), so what is
     * saved and shown never carries them in the address.
     */
    private void splitCredentials() {
        try {
            java.net.URI typed = new java.net.URI(address.get().strip());
            if (typed.getUserInfo() == null) {
                return;
            }
            String who = Redact.userOf(typed);
            char[] secret = Redact.passwordOf(typed);
            if (who != null && (user.get() == null || user.get().isBlank())) {
                user.set(who);
            }
            if (secret != null && (password.get() == null || password.get().isEmpty())) {
                password.set(new String(secret));
                java.util.Arrays.fill(secret, '\0');
            }
            address.set(Redact.withoutCredentials(typed).toString());
        } catch (java.net.URISyntaxException e) {
            // left as typed: the check says the address is not written correctly
        }
    }

    /** ONVIF is off: tries each brand's usual stream addresses on the camera's host, verified by reading packets. */
    public void tryBrands() {
        if (busy.get()) {
            return;
        }
        Result r = picked.get();
        String host = r != null ? r.found().device().address().getHostAddress() : address.get();
        int port = rtspPort.get();
        String who = user.get();
        char[] secret = secret();
        AtomicBoolean stop = start();
        executors.background().execute(() -> {
            try {
                CameraSetup.Checked c = setup.tryBrands(host, port, who, secret,
                        brand -> executors.fx().execute(() -> step.set(text.get("brands.trying", brand))), stop::get);
                preview(c, who, secret, stop);
            } catch (RuntimeException e) {
                failed(e, stop);
            }
        });
    }

    private void preview(CameraSetup.Checked c, String who, char[] secret, AtomicBoolean stop) {
        executors.fx().execute(() -> step.set(text.get("preview.loading")));
        CameraSetup.Pictures pictures = setup.pictures(c, who, secret, PREVIEW_WIDTH);
        executors.fx().execute(() -> {
            if (stop.get()) {
                return;
            }
            busy.set(false);
            step.set(null);
            checked.set(c);
            mainInfo.set(c.main().describe());
            subInfo.set(c.sub() == null ? text.get("preview.noSub") : c.sub().describe());
            warning.set(c.clockWarning());
            mainPicture.set(pictures.main());
            subPicture.set(pictures.sub());
            if (name.get() == null || name.get().isBlank()) {
                name.set(c.model() != null ? c.model() : c.brand() != null ? c.brand() : text.get("name.default"));
            }
            page.set(Page.PREVIEW);
        });
    }

    private void failed(RuntimeException e, AtomicBoolean stop) {
        if (e instanceof CancellationException) {
            executors.fx().execute(() -> {
                busy.set(false);
                step.set(null);
            });
            return;
        }
        String sentence = Sentences.of(e);
        boolean onvifOff = e instanceof SetupProblem p && p.kind() == SetupProblem.Kind.ONVIF_OFF;
        executors.fx().execute(() -> {
            if (stop.get()) {
                return;
            }
            busy.set(false);
            step.set(null);
            problem.set(sentence);
            if (onvifOff) {
                brandsOffered.set(true);
            }
        });
    }

    // ------------------------------------------------------------------ save

    /** From the preview to the masks, from the masks to name and retention. */
    public void next() {
        if (page.get() == Page.PREVIEW && checked.get() != null) {
            problem.set(null);
            page.set(Page.MASKS);
        } else if (page.get() == Page.MASKS) {
            page.set(Page.SAVE);
        }
    }

    /** "What does this camera see?" is optional: skipping it saves the camera without masks. */
    public void skipMasks() {
        if (page.get() == Page.MASKS) {
            masks.load(null, null);
            page.set(Page.SAVE);
        }
    }

    /** One page back. */
    public void back() {
        cancelRunning();
        problem.set(null);
        page.set(switch (page.get()) {
            case SAVE -> Page.MASKS;
            case MASKS -> Page.PREVIEW;
            case PREVIEW -> picked.get() != null ? Page.CREDENTIALS : Page.ADDRESS;
            default -> Page.SCAN;
        });
    }

    /** Saves the camera through the catalog and starts recording it; {@code done} hears of it on the FX thread. */
    public void save(Consumer<Camera> done) {
        CameraSetup.Checked c = checked.get();
        if (busy.get() || c == null) {
            return;
        }
        String cameraName = name.get();
        int hours = retentionHours.get();
        if (hours <= 0) {
            problem.set(text.get("save.retention"));
            return;
        }
        String who = user.get();
        char[] secret = secret();
        String detection = masks.detectionJson();
        String privacy = masks.privacyJson();
        String asRing = ringTopic.get();
        bellStop.set(true);
        start();
        executors.background().execute(() -> {
            try {
                Camera stored = setup.save(c, cameraName, Duration.ofHours(hours), who, secret, detection, privacy);
                Camera camera = asRing == null ? stored : setup.countAsRing(stored.name(), asRing);
                if (watch != null) {
                    watch.startCamera(camera.name());
                }
                executors.fx().execute(() -> {
                    busy.set(false);
                    step.set(null);
                    password.set("");
                    saved.set(camera);
                    if (done != null) {
                        done.accept(camera);
                    }
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    busy.set(false);
                    step.set(null);
                    problem.set(sentence);
                });
            }
        });
    }

    /** Stops whatever runs (scan or check); the wizard stays where it is. */
    public void cancel() {
        cancelRunning();
    }

    private void cancelRunning() {
        cancel.set(true);
        if (busy.get()) {
            busy.set(false);
            step.set(null);
        }
    }

    private AtomicBoolean fresh() {
        cancel.set(true);
        cancel = new AtomicBoolean();
        return cancel;
    }

    private AtomicBoolean start() {
        AtomicBoolean stop = fresh();
        busy.set(true);
        problem.set(null);
        brandsOffered.set(false);
        return stop;
    }

    private char[] secret() {
        return password.get() == null || password.get().isEmpty() ? null : password.get().toCharArray();
    }
}
