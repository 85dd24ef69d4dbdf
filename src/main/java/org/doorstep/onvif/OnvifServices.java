package org.doorstep.onvif;

import java.net.URI;

/** Service addresses, already pointed at the host we talk to. media2 and events may be null. */
public record OnvifServices(URI device, URI media, URI media2, URI events) {}
