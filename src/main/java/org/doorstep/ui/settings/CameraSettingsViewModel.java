package org.doorstep.ui.settings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.media.HwAccel;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.MaskEditorModel;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.cameras.CameraCatalog;
import org.doorstep.usecase.cameras.InvalidSettingsException;
import org.doorstep.usecase.settings.CameraStills;
import org.doorstep.usecase.watch.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's settings while the dialog is open. Saving checks every field through the camera catalog and shows
 * each refusal under its field; a running camera is then restarted with the new settings (no app restart).
 */
public final class CameraSettingsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSettingsViewModel.class);
    /** Field names, as {@link CameraCatalog.Changes} names them. */
    public static final List<String> FIELDS = List.of("name", "mainUrl", "subUrl", "transport", "retention",
            "retentionReason", "storageCapBytes", "sensitivity", "hwAccel", "detectionMasks", "privacyMasks");
    private static final long GB = 1_000_000_000L;
    private static final int STILL_HEIGHT = 540;

    private final CameraCatalog catalog;
    private final Watch watch;
    private final CameraStills stills;
    private final UiExecutors executors;
    private final Messages text;
    private String editing;

    public final StringProperty name = new SimpleStringProperty("");
    public final StringProperty mainUrl = new SimpleStringProperty("");
    public final StringProperty subUrl = new SimpleStringProperty("");
    public final StringProperty transport = new SimpleStringProperty("tcp");
    public final BooleanProperty enabled = new SimpleBooleanProperty(true);
    public final StringProperty retentionHours = new SimpleStringProperty("48");
    public final StringProperty retentionReason = new SimpleStringProperty("");
    public final StringProperty storageCapGb = new SimpleStringProperty("");
    public final BooleanProperty motion = new SimpleBooleanProperty(true);
    public final IntegerProperty sensitivity = new SimpleIntegerProperty(5);
    /** "auto", "off" or an accelerator id. */
    public final StringProperty hwAccel = new SimpleStringProperty("auto");
    public final BooleanProperty recordAudio = new SimpleBooleanProperty(false);
    public final BooleanProperty hideLive = new SimpleBooleanProperty(false);
    private final MaskEditorModel masks = new MaskEditorModel();
    private final ObjectProperty<CameraStills.Still> still = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    /** Says so when the owner allowed this camera's address outside the local network; empty otherwise. */
    private final StringProperty networkNote = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty saved = new SimpleBooleanProperty();
    private final Map<String, StringProperty> errors = new HashMap<>();
    private final BooleanBinding reasonNeeded;
    /** The camera's motion analysis as measured in this process when the settings opened; null when not running. */
    private final ObjectProperty<org.doorstep.motion.MotionCost> motionCost = new SimpleObjectProperty<>();
    private final javafx.beans.binding.StringBinding motionCostHint;

    public CameraSettingsViewModel(CameraCatalog catalog, Watch watch, CameraStills stills, UiExecutors executors,
                                   Messages text) {
        this.catalog = catalog;
        this.watch = watch;
        this.stills = stills;
        this.executors = executors;
        this.text = text;
        FIELDS.forEach(f -> errors.put(f, new SimpleStringProperty("")));
        reasonNeeded = Bindings.createBooleanBinding(() -> {
            Double h = hours(retentionHours.get());
            return h != null && h > CameraCatalog.REASON_NEEDED_ABOVE.toHours();
        }, retentionHours);
        motionCostHint = Bindings.createStringBinding(this::motionCostText, subUrl, motion, motionCost);
    }

    /**
     * Under the sub-stream field: with motion on and no sub stream, what analysing the main stream costs (measured
     * while it runs) and that a sub stream is cheaper; once a sub stream is typed, what changes on saving. Empty
     * when there is nothing to say.
     */
    public javafx.beans.binding.StringBinding motionCostHint() {
        return motionCostHint;
    }

    /** The measured cost the hint is made from (null: the camera is not analysed now). */
    public javafx.beans.property.ReadOnlyObjectProperty<org.doorstep.motion.MotionCost> motionCost() {
        return motionCost;
    }

    /** Reads the camera's measured motion cost again (the figure is a running average; it settles in a minute). */
    public void refreshMotionCost() {
        String camera = editing;
        if (camera == null || watch == null) {
            return;
        }
        executors.background().execute(() -> {
            try {
                org.doorstep.motion.MotionCost cost = watch.motionCost(catalog.require(camera).id());
                executors.fx().execute(() -> motionCost.set(cost));
            } catch (RuntimeException e) {
                LOG.debug("motion cost not read: {}", e.toString());
            }
        });
    }

    private String motionCostText() {
        if (!motion.get()) {
            return "";
        }
        org.doorstep.motion.MotionCost cost = motionCost.get();
        boolean measuredOnMain = cost != null && !cost.onSubStream() && cost.width() > 0
                && !Double.isNaN(cost.percentOfCore());
        long share = measuredOnMain ? Math.round(org.doorstep.usecase.watch.MotionCosts.pixelsOverSubStream(
                cost.width(), cost.height())) : 0;
        boolean subTyped = subUrl.get() != null && !subUrl.get().isBlank();
        if (subTyped) {
            return measuredOnMain && share >= 2 ? text.get("camera.motionCost.withSub", cost.width(), cost.height(),
                    cost.percentOfCore(), share) : "";
        }
        if (!measuredOnMain) {
            return text.get("camera.motionCost.unmeasured");
        }
        String still = cost.keyframesOnly() ? text.get("camera.motionCost.stillNow") : "";
        return share >= 2
                ? text.get("camera.motionCost.measured", cost.width(), cost.height(), cost.percentOfCore(), share,
                        still)
                : text.get("camera.motionCost.measuredSmall", cost.width(), cost.height(), cost.percentOfCore(),
                        still);
    }

    /** The sentence shown under a field; empty when the field is fine. */
    public StringProperty error(String field) {
        return errors.get(field);
    }

    public BooleanBinding reasonNeeded() {
        return reasonNeeded;
    }

    public MaskEditorModel masks() {
        return masks;
    }

    public ObjectProperty<CameraStills.Still> still() {
        return still;
    }

    /** "Internet address allowed (camera set --allow-internet-address)" or empty: the explicit setting, visible. */
    public javafx.beans.property.ReadOnlyStringProperty networkNote() {
        return networkNote;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public BooleanProperty saved() {
        return saved;
    }

    public String editing() {
        return editing;
    }

    /** The hardware decoders offered besides auto and off. */
    public List<String> hwAccelChoices() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("auto", "off"),
                java.util.Arrays.stream(HwAccel.values()).map(HwAccel::id)).toList();
    }

    /** Reads the camera's settings, then fetches a picture to draw masks on. */
    public void load(String camera) {
        editing = camera;
        busy.set(true);
        executors.background().execute(() -> {
            try {
                Camera c = catalog.require(camera);
                org.doorstep.motion.MotionCost cost = watch == null ? null : watch.motionCost(c.id());
                executors.fx().execute(() -> {
                    motionCost.set(cost);
                    show(c);
                    busy.set(false);
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> {
                    message.set(Sentences.of(e));
                    busy.set(false);
                });
            }
        });
        takeStill();
    }

    /** Fetches a fresh picture from the camera (in the background; the editor works without one meanwhile). */
    public void takeStill() {
        if (stills == null) {
            return;
        }
        String camera = editing;
        executors.background().execute(() -> {
            try {
                CameraStills.Still s = stills.take(camera, STILL_HEIGHT);
                executors.fx().execute(() -> still.set(s));
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> message.set(sentence));
            }
        });
    }

    private void show(Camera c) {
        CameraCatalog.Changes s = CameraCatalog.Changes.of(c);
        name.set(s.name());
        mainUrl.set(s.mainUrl());
        subUrl.set(s.subUrl());
        transport.set(s.transport());
        enabled.set(s.enabled());
        retentionHours.set(formatHours(s.retention()));
        retentionReason.set(s.retentionReason() == null ? "" : s.retentionReason());
        storageCapGb.set(s.storageCapBytes() == 0 ? "" : formatNumber(s.storageCapBytes() / (double) GB));
        motion.set(s.motion());
        sensitivity.set(s.sensitivity());
        hwAccel.set(s.hwAccel());
        recordAudio.set(s.recordAudio());
        hideLive.set(s.hideLive());
        masks.load(s.detectionMasks(), s.privacyMasks());
        networkNote.set(c.options().allowInternetAddress()
                ? Messages.of("net", text.locale()).get("net.settings.allowed") : "");
    }

    /**
     * Checks and stores everything; a refused field gets its sentence, the rest are kept as typed. On success a
     * recording camera is restarted with the new settings in the background.
     */
    public void save() {
        errors.values().forEach(e -> e.set(""));
        saved.set(false);
        Double hours = hours(retentionHours.get());
        Double capGb = storageCapGb.get() == null || storageCapGb.get().isBlank() ? Double.valueOf(0)
                : hours(storageCapGb.get());
        if (hours == null) {
            errors.get("retention").set(text.get("field.number"));
        }
        if (capGb == null) {
            errors.get("storageCapBytes").set(text.get("field.gigabytes"));
        }
        if (hours == null || capGb == null) {
            return;
        }
        CameraCatalog.Changes changes = new CameraCatalog.Changes(name.get(), mainUrl.get(), subUrl.get(),
                transport.get(), enabled.get(), Duration.ofSeconds(Math.round(hours * 3600)), retentionReason.get(),
                Math.round(capGb * GB), motion.get(), sensitivity.get(), masks.detectionJson(), masks.privacyJson(),
                hwAccel.get(), recordAudio.get(), hideLive.get());
        String before = editing;
        busy.set(true);
        message.set(text.get("camera.saving"));
        executors.background().execute(() -> {
            try {
                Camera changed = catalog.change(before, changes);
                watch.restartCamera(changed.name());
                executors.fx().execute(() -> {
                    editing = changed.name();
                    show(changed);
                    message.set(text.get("camera.saved"));
                    saved.set(true);
                    busy.set(false);
                    refreshMotionCost(); // the restarted analysis may run on another stream now
                });
            } catch (InvalidSettingsException e) {
                executors.fx().execute(() -> {
                    e.problems().forEach((field, sentence) -> {
                        StringProperty p = errors.get(field);
                        if (p != null) {
                            p.set(sentence);
                        }
                    });
                    message.set("");
                    busy.set(false);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    message.set(sentence);
                    busy.set(false);
                });
            }
        });
    }

    /** "Stop recording now": switches the camera off and stops it at once; logged by camera id only. */
    public void stopRecordingNow() {
        String camera = editing;
        busy.set(true);
        executors.background().execute(() -> {
            try {
                Camera off = catalog.setEnabled(camera, false);
                watch.stopCamera(camera);
                LOG.info("recording of camera {} stopped now by the owner", off.id());
                executors.fx().execute(() -> {
                    enabled.set(false);
                    message.set(text.get("camera.stopNow.done"));
                    busy.set(false);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> {
                    message.set(sentence);
                    busy.set(false);
                });
            }
        });
    }

    /** A number as typed, with a comma or a point; null when it is not one. */
    static Double hours(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(typed.strip().replace(',', '.'));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String formatHours(Duration d) {
        return formatNumber(d.toSeconds() / 3600.0);
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
