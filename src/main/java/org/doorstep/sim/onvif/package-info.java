/**
 * The ONVIF side of the virtual doorbell: a SOAP 1.2 server (device, media, media2, PullPoint
 * events, snapshot) and a WS-Discovery responder, so Doorstep's ONVIF client can be exercised
 * end to end on loopback without a real camera.
 *
 * <p>Paths: {@code /onvif/device_service}, {@code /onvif/media_service}, {@code /onvif/media2_service},
 * {@code /onvif/event_service}, {@code /onvif/subscription/<id>}, {@code /onvif/snapshot?profile=<token>}.
 * Start with {@link org.doorstep.sim.onvif.SimulatedOnvifCamera} (server + discovery) or the two parts
 * separately ({@link org.doorstep.sim.onvif.OnvifSimServer}, {@link org.doorstep.sim.onvif.WsDiscoveryResponder}).
 */
package org.doorstep.sim.onvif;
