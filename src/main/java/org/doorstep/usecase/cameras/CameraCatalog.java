package org.doorstep.usecase.cameras;

import static org.doorstep.usecase.Indexed.get;
import static org.doorstep.usecase.Indexed.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.Redact;
import org.doorstep.common.StoreException;
import org.doorstep.common.UserException;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.common.net.AddressRefusedException;
import org.doorstep.common.net.PinnedHost;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.AuthMemory;
import org.doorstep.onvif.OnvifCameraAdder;
import org.doorstep.onvif.OnvifCameraSetup;
import org.doorstep.onvif.OnvifException;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.privacy.CredentialVault;
import org.doorstep.store.Camera;
import org.doorstep.store.CameraRepository;

/**
 * The cameras Doorstep records: add (by stream address or by asking the camera over ONVIF), rename, switch on and
 * off, change settings, remove. The command line and the window both call this, so a camera added either way is
 * checked, stored and its password kept the same way. Every refusal is a {@link UserException} with a sentence.
 */
public final class CameraCatalog {
    public static final int MAX_NAME = 64;

    private final CameraRepository cameras;
    private final CredentialVault vault;
    private final AddressPolicy policy;
    private final Clock clock;
    /** Changing a camera's settings needs the app unlocked; stopping its recording does not (it only protects). */
    private final org.doorstep.usecase.lock.AppLock lock;
    /** Notes changed privacy settings (retention, audio, masks) and stopped recording. */
    private final org.doorstep.usecase.audit.Audit audit;

    public CameraCatalog(CameraRepository cameras, CredentialVault vault, AddressPolicy policy,
                         org.doorstep.usecase.lock.AppLock lock, org.doorstep.usecase.audit.Audit audit, Clock clock) {
        this.lock = lock;
        this.audit = audit;
        this.cameras = cameras;
        this.vault = vault;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A camera given by its stream addresses; credentials inside a URL are split off and kept in the vault.
     *
     * @param allowInternetAddress the owner explicitly allows an address outside the local network for this camera
     *                             (off: such an address is refused)
     */
    public record ByAddress(String name, String mainUrl, String subUrl, String user, char[] password,
                            Duration retention, boolean allowInternetAddress) {
        public ByAddress(String name, String mainUrl, String subUrl, String user, char[] password,
                         Duration retention) {
            this(name, mainUrl, subUrl, user, password, retention, false);
        }
    }

    /** A camera that tells its streams itself over ONVIF. */
    public record ByOnvif(String name, String hostPort, String user, char[] password, Duration retention) {}

    /** What adding did, for the face to tell the user. */
    public record Added(Camera camera, boolean passwordTakenFromUrl) {}

    public List<Camera> all() {
        return get(cameras::all);
    }

    public Optional<Camera> find(String name) {
        return get(() -> cameras.findByName(name == null ? "" : name.strip()));
    }

    /** The named camera, or a sentence saying there is none. */
    public Camera require(String name) {
        String wanted = name == null ? "" : name.strip();
        return find(wanted).orElseThrow(() -> unknownCamera(wanted, UserException.EXIT_FAILURE));
    }

    public Added add(ByAddress request) {
        return add(request, null, null);
    }

    /**
     * A camera whose streams were already checked (the window's wizard asked it over ONVIF and played them before
     * saving): stored with its ONVIF and snapshot addresses, so rings and camera motion come in too.
     */
    public Added add(ByAddress request, URI onvifUrl, URI snapshotUrl) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Messages m = text();
        String name = validName(request.name());
        URI main = streamUrl(request.mainUrl());
        URI sub = request.subUrl() == null || request.subUrl().isBlank() ? null : streamUrl(request.subUrl());
        Duration retention = validRetention(request.retention());
        requireAllowed(main, request.allowInternetAddress());
        if (sub != null) {
            requireAllowed(sub, request.allowInternetAddress());
        }
        reasonFor(retention, null); // a new camera keeps at most 72 h; longer needs a reason, given in its settings
        String user = request.user() != null && !request.user().isBlank() ? request.user().strip() : Redact.userOf(main);
        char[] fromUrl = Redact.passwordOf(main);
        char[] password = request.password() != null && request.password().length > 0 ? request.password() : fromUrl;
        Camera camera = Camera.newCamera(name, Redact.withoutCredentials(main), Redact.withoutCredentials(sub), user,
                retention);
        if (request.allowInternetAddress()) {
            camera = camera.withOptions(camera.options().withAllowInternetAddress(true));
        }
        if (onvifUrl != null) {
            camera = camera.withOnvif(onvifUrl, snapshotUrl);
        }
        try {
            return new Added(store(camera, password, m), fromUrl != null);
        } finally {
            if (fromUrl != null) {
                Arrays.fill(fromUrl, '\0');
            }
        }
    }

    /**
     * Asks the camera at {@code hostPort} for its main stream, sub stream and snapshot address, then stores it.
     *
     * @param progress step names as the ONVIF setup goes ({@code setup.step.*} in the onvif messages)
     */
    public Added add(ByOnvif request, Consumer<String> progress, BooleanSupplier cancelled) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Messages m = text();
        String name = validName(request.name());
        Duration retention = validRetention(request.retention());
        reasonFor(retention, null);
        if (find(name).isPresent()) {
            throw new UserException(m.get("camera.error.duplicate", name));
        }
        OnvifCameraSetup setup;
        try (OnvifHttp http = new OnvifHttp(policy)) {
            OnvifCameraAdder adder = new OnvifCameraAdder(http, new AuthMemory(), clock);
            setup = adder.add(request.hostPort(), blankToNull(request.user()), request.password(), progress, cancelled);
        } catch (OnvifException e) {
            throw new UserException(m.get("camera.error.onvif", request.hostPort(), e.userMessage()));
        } catch (IllegalArgumentException e) {
            throw new UserException(m.get("camera.error.onvifHost", request.hostPort()), UserException.EXIT_USAGE);
        }
        // what the camera announced is checked like a typed address: rtsp/rtsps only, on the local network
        URI main = streamUrl(setup.mainUrl().toString());
        URI sub = setup.subUrl() == null ? null : streamUrl(setup.subUrl().toString());
        requireAllowed(main, false);
        if (sub != null) {
            requireAllowed(sub, false);
        }
        Camera camera = Camera.newCamera(name, main, sub, blankToNull(request.user()), retention)
                .withOnvif(setup.onvifUrl(), snapshotUrl(setup.snapshotUrl()));
        return new Added(store(camera, request.password(), m), false);
    }

    public Camera rename(String name, String newName) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Camera camera = require(name);
        String wanted = validName(newName);
        if (wanted.equals(camera.name())) {
            return camera;
        }
        if (find(wanted).isPresent()) {
            throw new UserException(text().get("camera.error.duplicate", wanted));
        }
        Camera renamed = camera.withName(wanted);
        run(() -> cameras.update(renamed));
        return renamed;
    }

    /** Switches recording and analysis of a camera on or off; it takes effect the next time recording starts. */
    public Camera setEnabled(String name, boolean enabled) {
        if (enabled) {
            lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        }
        Camera before = require(name);
        Camera changed = before.withEnabled(enabled);
        run(() -> cameras.update(changed));
        auditPrivacy(before, changed);
        return changed;
    }

    /**
     * Which ONVIF event topics count as a ring for this camera besides the built-in ones — a doorbell wired to the
     * camera's digital input reports {@code tns1:Device/Trigger/DigitalInput}. An empty list keeps only the built-in
     * topics. Takes effect when the camera's events are watched next (the window restarts it).
     */
    public Camera setRingTopics(String name, List<String> topics) {
        Camera camera = require(name);
        List<String> clean = new java.util.ArrayList<>();
        for (String t : topics) {
            String topic = t == null ? "" : t.strip();
            if (topic.isEmpty() || topic.length() > 200 || !topic.matches("[A-Za-z0-9_:./-]+")) {
                throw new UserException(text().get("camera.error.ringTopic", t), UserException.EXIT_USAGE);
            }
            if (!clean.contains(topic)) {
                clean.add(topic);
            }
        }
        Camera changed = camera.withOptions(camera.options().withRingTopics(clean));
        run(() -> cameras.update(changed));
        return changed;
    }

    /**
     * Replaces the camera's privacy masks (empty = none): areas blacked out before anything is recorded, in the live
     * view and in motion analysis. A running recorder picks them up when the camera is restarted.
     */
    public Camera setPrivacyMasks(String name, List<org.doorstep.motion.MotionMask.Polygon> polygons) {
        String json = masksJson(polygons);
        return changeGuarded(name, camera -> camera.withOptions(camera.options().withPrivacyMasks(json)));
    }

    /**
     * Replaces the camera's detection masks (empty = none): areas where motion is ignored; they are still recorded.
     * A running motion analysis picks them up when the camera is restarted.
     */
    public Camera setDetectionMasks(String name, List<org.doorstep.motion.MotionMask.Polygon> polygons) {
        String json = masksJson(polygons);
        return changeGuarded(name, camera -> camera.withSettings(camera.retention(), camera.rtspTransport(),
                camera.motionEnabled(), camera.motionSensitivity(), json));
    }

    /** Switches sound recording on or off (off by default; recording private speech is restricted by law). */
    public Camera setRecordAudio(String name, boolean audio) {
        return changeGuarded(name, camera -> camera.withOptions(camera.options().withRecordAudio(audio)));
    }

    private static String masksJson(List<org.doorstep.motion.MotionMask.Polygon> polygons) {
        return polygons.isEmpty() ? null : org.doorstep.motion.MotionMaskJson.format(polygons);
    }

    /** One setting changed as the lock allows it: stored, and noted in the audit log when it touches privacy. */
    private Camera changeGuarded(String name, java.util.function.UnaryOperator<Camera> change) {
        Camera camera = require(name);
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Camera changed = change.apply(camera);
        run(() -> cameras.update(changed));
        auditPrivacy(camera, changed);
        return changed;
    }

    /** The settings a user changes after adding a camera. */
    public record Settings(Duration retention, String transport, boolean motion, int sensitivity) {}

    public Camera change(String name, Settings settings) {
        return change(name, settings, require(name).options().retentionReason());
    }

    /**
     * As {@link #change(String, Settings)}, with the written reason a retention above {@link #REASON_NEEDED_ABOVE}
     * needs ({@code doorstep camera set NAME --retention 96h --reason TEXT}); kept with the camera for the record of
     * processing, and dropped once the retention is 72 hours or less again.
     */
    public Camera change(String name, Settings settings, String retentionReason) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Camera camera = require(name);
        Duration wanted = validRetention(settings.retention());
        String reason = reasonFor(wanted, retentionReason);
        String transport = settings.transport() == null ? camera.rtspTransport()
                : settings.transport().toLowerCase(Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new UserException(text().get("camera.error.transport", settings.transport()), UserException.EXIT_USAGE);
        }
        int sensitivity = settings.sensitivity();
        if (sensitivity < 1 || sensitivity > 10) {
            throw new UserException(text().get("camera.error.sensitivity", sensitivity), UserException.EXIT_USAGE);
        }
        Camera.Options o = camera.options();
        Camera changed = camera.withSettings(wanted, transport, settings.motion(),
                sensitivity, camera.motionMasksJson()).withOptions(o.withRetentionReason(reason));
        run(() -> cameras.update(changed));
        auditPrivacy(camera, changed);
        return changed;
    }

    /** The reason kept for {@code retention}: required and checked above 72 hours, none at or below. */
    private static String reasonFor(Duration retention, String reason) {
        if (retention.compareTo(REASON_NEEDED_ABOVE) <= 0) {
            return null;
        }
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw new UserException(text().get("camera.error.reasonNeeded", REASON_NEEDED_ABOVE.toHours()),
                    UserException.EXIT_USAGE);
        }
        if (r.length() > MAX_REASON || r.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
            throw new UserException(text().get("camera.error.reasonTooLong", MAX_REASON), UserException.EXIT_USAGE);
        }
        return r;
    }

    /** Retention above this needs a written reason (kept with the camera for the record of processing). */
    public static final Duration REASON_NEEDED_ABOVE = Duration.ofHours(72);
    public static final int MAX_REASON = 500;

    /**
     * Everything the window's camera settings change at once. Masks are in the motion-mask JSON (null = none);
     * {@code hwAccel} is "auto", "off" or an accelerator id; {@code storageCapBytes} 0 = no cap of its own.
     */
    public record Changes(String name, String mainUrl, String subUrl, String transport, boolean enabled,
                          Duration retention, String retentionReason, long storageCapBytes, boolean motion,
                          int sensitivity, String detectionMasks, String privacyMasks, String hwAccel,
                          boolean recordAudio, boolean hideLive) {

        /** The camera's current settings, as a starting point for editing. */
        public static Changes of(Camera c) {
            Camera.Options o = c.options();
            return new Changes(c.name(), c.mainUrl().toString(), c.subUrl() == null ? "" : c.subUrl().toString(),
                    c.rtspTransport(), c.enabled(), c.retention(), o.retentionReason(), o.storageCapBytes(),
                    c.motionEnabled(), c.motionSensitivity(), c.motionMasksJson(), o.privacyMasksJson(), o.hwAccel(),
                    o.recordAudio(), o.hideLive());
        }
    }

    /**
     * Checks every field and stores them together, or stores nothing and says, field by field, what is wrong
     * ({@link InvalidSettingsException}). Running cameras pick the change up through {@code Watch.restartCamera}.
     */
    public Camera change(String name, Changes c) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Camera camera = require(name);
        Messages m = text();
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        String newName = field(problems, "name", () -> validName(c.name()));
        if (newName != null && !newName.equals(camera.name()) && find(newName).isPresent()) {
            problems.put("name", m.get("camera.error.duplicate", newName));
        }
        boolean allowInternet = camera.options().allowInternetAddress();
        URI main = field(problems, "mainUrl", () -> Redact.withoutCredentials(
                requireAllowed(streamUrl(c.mainUrl()), allowInternet)));
        URI sub = c.subUrl() == null || c.subUrl().isBlank() ? null
                : field(problems, "subUrl", () -> Redact.withoutCredentials(
                        requireAllowed(streamUrl(c.subUrl()), allowInternet)));
        String transport = c.transport() == null ? "" : c.transport().toLowerCase(Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            problems.put("transport", m.get("camera.error.transport", c.transport()));
        }
        Duration retention = field(problems, "retention", () -> validRetention(c.retention()));
        String reason = c.retentionReason() == null ? null : c.retentionReason().strip();
        if (retention != null && retention.compareTo(REASON_NEEDED_ABOVE) > 0) {
            if (reason == null || reason.isEmpty()) {
                problems.put("retentionReason", m.get("camera.error.reasonNeeded", REASON_NEEDED_ABOVE.toHours()));
            } else if (reason.length() > MAX_REASON || reason.chars().anyMatch(ch -> Character.isISOControl(ch)
                    && ch != '\n')) {
                problems.put("retentionReason", m.get("camera.error.reasonTooLong", MAX_REASON));
            }
        } else {
            reason = null; // a reason is only kept while it is needed
        }
        if (c.storageCapBytes() < 0) {
            problems.put("storageCapBytes", m.get("camera.error.storageCap"));
        }
        if (c.sensitivity() < 1 || c.sensitivity() > 10) {
            problems.put("sensitivity", m.get("camera.error.sensitivity", c.sensitivity()));
        }
        String hw = c.hwAccel() == null || c.hwAccel().isBlank() ? "auto" : c.hwAccel().strip().toLowerCase(Locale.ROOT);
        try {
            hw = org.doorstep.media.HwAccelSetting.parse(hw).toString();
        } catch (IllegalArgumentException e) {
            problems.put("hwAccel", m.get("camera.error.hwAccel", c.hwAccel()));
        }
        field(problems, "detectionMasks", () -> masks(c.detectionMasks()));
        field(problems, "privacyMasks", () -> masks(c.privacyMasks()));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        Camera changed = camera.withName(newName).withStreams(main, sub).withEnabled(c.enabled())
                .withSettings(retention, transport, c.motion(), c.sensitivity(), blankToNull(c.detectionMasks()))
                .withOptions(new Camera.Options(blankToNull(c.privacyMasks()), reason, c.storageCapBytes(), hw,
                        c.recordAudio(), c.hideLive(), camera.options().ringTopics())
                        .withAllowInternetAddress(camera.options().allowInternetAddress()));
        run(() -> cameras.update(changed));
        auditPrivacy(camera, changed);
        return changed;
    }

    /**
     * The owner's explicit choice that this camera may be outside the local network ({@code camera set
     * --allow-internet-address on}); switching it off again is refused while the camera's address is outside.
     */
    public Camera setAllowInternetAddress(String name, boolean allow) {
        Camera camera = require(name);
        if (!allow) {
            requireAllowed(camera.mainUrl(), false);
            if (camera.subUrl() != null) {
                requireAllowed(camera.subUrl(), false);
            }
        }
        Camera changed = camera.withOptions(camera.options().withAllowInternetAddress(allow));
        run(() -> cameras.update(changed));
        return changed;
    }

    /**
     * Refuses {@code url} unless its host resolves only to local-network addresses (or the owner allowed this
     * camera's address). A name that does not resolve now is accepted: nothing was contacted, and every connection
     * checks again after its own lookup.
     */
    private URI requireAllowed(URI url, boolean allowInternetAddress) {
        AddressCheck check = allowInternetAddress ? AddressCheck.anyAddress() : policy;
        try {
            PinnedHost.resolve(url, check);
        } catch (AddressRefusedException e) {
            throw new UserException(Messages.of("net").get(e.why() == AddressRefusedException.Why.NO_HOST
                    ? "net.refused.noHost" : "net.refused.outsideLan", Redact.displayUrl(url.toString())),
                    UserException.EXIT_USAGE);
        } catch (java.net.UnknownHostException e) {
            // not resolvable today (camera off, name served later): checked again at every connection
        }
        return url;
    }

    /** A snapshot address as a camera announced it: http or https only, anything else is dropped. */
    static URI snapshotUrl(URI url) {
        if (url == null) {
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? url : null;
    }

    /** Notes in the audit log each privacy setting that differs (what changed, not the masks' corners). */
    private void auditPrivacy(Camera before, Camera after) {
        String name = after.name();
        if (!before.retention().equals(after.retention())) {
            audit.privacySettingChanged(name, "retention", before.retention().toString(),
                    after.retention().toString());
        }
        if (before.options().recordAudio() != after.options().recordAudio()) {
            audit.privacySettingChanged(name, "audio recording", "" + before.options().recordAudio(),
                    "" + after.options().recordAudio());
        }
        if (!java.util.Objects.equals(before.options().privacyMasksJson(), after.options().privacyMasksJson())) {
            audit.privacySettingChanged(name, "privacy masks", before.options().privacyMasksJson() == null
                    ? "none" : "set", after.options().privacyMasksJson() == null ? "none" : "changed");
        }
        if (!java.util.Objects.equals(before.motionMasksJson(), after.motionMasksJson())) {
            audit.privacySettingChanged(name, "detection masks", before.motionMasksJson() == null ? "none" : "set",
                    after.motionMasksJson() == null ? "none" : "changed");
        }
        if (before.enabled() && !after.enabled()) {
            audit.recordingStopped(name, null);
        } else if (!before.enabled() && after.enabled()) {
            audit.privacySettingChanged(name, "recording", "off", "on");
        }
    }

    /** Whether the window should hide this camera's live picture (recording is not affected). */
    public boolean hidesLive(String name) {
        return find(name).map(cam -> cam.options().hideLive()).orElse(false);
    }

    private static String masks(String json) {
        try {
            org.doorstep.motion.MotionMaskJson.parse(json);
            return json;
        } catch (IllegalArgumentException e) {
            throw new UserException(text().get("camera.error.masks"));
        }
    }

    private static <T> T field(java.util.Map<String, String> problems, String field,
                               java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (UserException e) {
            problems.put(field, e.getMessage());
            return null;
        }
    }

    /** How many recorded segments the camera has (0: it can be removed without erasing anything). */
    public long footage(String name) {
        Camera camera = require(name);
        return get(() -> cameras.segmentCount(camera.id()));
    }

    /**
     * Removes a camera and its stored password. Refused while recordings of it exist: they would be left behind
     * without a camera to find them by (erase them first).
     */
    public Camera remove(String name) {
        lock.require(org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
        Camera camera = require(name);
        long footage = get(() -> cameras.segmentCount(camera.id()));
        if (footage > 0) {
            throw new UserException(text().get("camera.remove.hasFootage", camera.name(), footage));
        }
        get(() -> cameras.delete(camera.id()));
        vault.remove(camera.credentialRef());
        return camera;
    }

    private Camera store(Camera camera, char[] password, Messages m) {
        Camera toInsert = camera;
        if (password != null && password.length > 0) {
            toInsert = camera.withCredentialRef(vault.store(password));
            Arrays.fill(password, '\0');
        }
        try {
            return cameras.insert(toInsert);
        } catch (CameraRepository.DuplicateNameException e) {
            vault.remove(toInsert.credentialRef());
            throw new UserException(m.get("camera.error.duplicate", camera.name()));
        } catch (SQLException e) {
            vault.remove(toInsert.credentialRef());
            throw new StoreException(e);
        }
    }

    /** The one sentence for a camera name that is not in the catalog. */
    public static UserException unknownCamera(String name, int exitCode) {
        return new UserException(text().get("camera.error.unknown", name), exitCode);
    }

    /** A camera name people can type in commands: no control characters and a sane length. */
    public static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new UserException(text().get("camera.error.name", MAX_NAME), UserException.EXIT_USAGE);
        }
        return trimmed;
    }

    /**
     * A stream address as typed or announced: rtsp or rtsps with a host, nothing else (no file:, no http: that
     * FFmpeg would open with its own redirect handling).
     */
    public static URI streamUrl(String text) {
        try {
            URI uri = new URI(text == null ? "" : text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("rtsp") || scheme.equals("rtsps")) || uri.getHost() == null) {
                throw new UserException(text().get("camera.error.url", Redact.withoutCredentials(uri)),
                        UserException.EXIT_USAGE);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException(text().get("camera.error.urlSyntax"), UserException.EXIT_USAGE);
        }
    }

    /** How long recordings are kept: longer than zero; {@code null} means the default (48 h). */
    public static Duration validRetention(Duration retention) {
        Duration r = retention == null ? Camera.DEFAULT_RETENTION : retention;
        if (r.isNegative() || r.isZero()) {
            throw new UserException(text().get("camera.error.retention"), UserException.EXIT_USAGE);
        }
        return r;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Messages text() {
        return Messages.of("cameras");
    }
}
