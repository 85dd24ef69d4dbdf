package org.doorstep.onvif;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Everything "camera add --onvif" needs, URLs without credentials. {@code clockOffset} = camera clock minus
 * ours (positive: the camera is ahead). subUrl/subProfile/snapshotUrl may be null.
 */
public record OnvifCameraSetup(
        URI onvifUrl,
        URI mainUrl,
        URI subUrl,
        URI snapshotUrl,
        MediaProfile mainProfile,
        MediaProfile subProfile,
        List<MediaProfile> profiles,
        DeviceInformation device,
        OnvifServices services,
        Duration clockOffset,
        AuthMode authMode) {

    public OnvifCameraSetup {
        profiles = List.copyOf(profiles);
    }
}
