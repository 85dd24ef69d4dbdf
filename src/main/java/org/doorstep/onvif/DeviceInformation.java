package org.doorstep.onvif;

/** GetDeviceInformation. */
public record DeviceInformation(String manufacturer, String model, String firmwareVersion, String serialNumber,
        String hardwareId) {}
