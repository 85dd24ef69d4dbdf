package org.doorstep.sim;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.doorstep.sim.onvif.DoorbellOnvifBridge;
import org.doorstep.sim.onvif.OnvifSimConfig;
import org.doorstep.sim.onvif.PorchSnapshot;
import org.doorstep.sim.onvif.SimProfile;
import org.doorstep.sim.onvif.SimulatedOnvifCamera;

/**
 * The whole virtual doorbell as a camera on the LAN would be: RTSP streams, ONVIF device/media/event
 * services and WS-Discovery, with the scene's visitors reported as ONVIF motion and bell presses.
 * Used by {@code doorstep demo-camera}, by {@code doorstep --demo}, and by tests.
 */
public final class DemoCamera implements AutoCloseable {
    private final DoorbellConfig config;
    private final VirtualDoorbell doorbell;
    private SimulatedOnvifCamera onvif;
    private DoorbellOnvifBridge bridge;

    public DemoCamera(DoorbellConfig config) {
        this.config = config;
        this.doorbell = new VirtualDoorbell(config);
    }

    /**
     * Renders the scene on first use (reporting progress), then starts serving.
     *
     * @param discoveryPort UDP port for WS-Discovery, or {@link SimulatedOnvifCamera#NO_DISCOVERY}
     */
    public synchronized DemoCamera start(RenderProgress progress, int discoveryPort) throws IOException {
        return start(progress, discoveryPort, List.of());
    }

    /**
     * As {@link #start(RenderProgress, int)}; Hello (on start) and Bye (on close) also go by unicast to
     * {@code announceTo} (tests: a listener on loopback; as a camera plugged in while an NVR listens).
     */
    public synchronized DemoCamera start(RenderProgress progress, int discoveryPort,
                                         List<java.net.InetSocketAddress> announceTo) throws IOException {
        doorbell.start(progress);
        try {
            OnvifSimConfig onvifConfig = OnvifSimConfig.demo(config.onvifPort(), config.user(), config.password(),
                    config.clockSkew());
            List<SimProfile> profiles = List.of(
                    new SimProfile(SimProfile.MAIN, config.mainWidth(), config.mainHeight(), config.fps(), "H264"),
                    new SimProfile(SimProfile.SUB, config.subWidth(), config.subHeight(), config.fps(), "H264"));
            onvif = new SimulatedOnvifCamera(onvifConfig, profiles,
                    token -> doorbell.rtspUri(SimProfile.SUB.equals(token) ? VirtualDoorbell.Stream.SUB
                            : VirtualDoorbell.Stream.MAIN),
                    new PorchSnapshot(config.mainWidth(), config.mainHeight(), config.fps(), doorbell::currentPicture),
                    discoveryPort, announceTo).start();
            bridge = new DoorbellOnvifBridge(onvif::publish);
            doorbell.addListener(bridge);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public VirtualDoorbell doorbell() {
        return doorbell;
    }

    public URI rtspUri(VirtualDoorbell.Stream stream) {
        return doorbell.rtspUri(stream);
    }

    public URI onvifUri() {
        return onvif.deviceServiceUri();
    }

    public SimulatedOnvifCamera onvif() {
        return onvif;
    }

    @Override
    public synchronized void close() {
        if (bridge != null) {
            doorbell.removeListener(bridge);
            bridge.close();
            bridge = null;
        }
        if (onvif != null) {
            onvif.close();
            onvif = null;
        }
        doorbell.close();
    }
}
