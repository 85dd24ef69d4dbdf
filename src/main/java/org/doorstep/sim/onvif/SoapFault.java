package org.doorstep.sim.onvif;

import java.util.List;

/** A SOAP 1.2 fault to send back; env:Sender maps to HTTP 400, env:Receiver to HTTP 500. */
final class SoapFault extends Exception {
    private final int httpStatus;
    private final String code;
    private final List<String> subcodes;

    private SoapFault(int httpStatus, String code, List<String> subcodes, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcodes = List.copyOf(subcodes);
    }

    static SoapFault sender(String reason, String... subcodes) {
        return new SoapFault(400, "env:Sender", List.of(subcodes), reason);
    }

    static SoapFault receiver(String reason, String... subcodes) {
        return new SoapFault(500, "env:Receiver", List.of(subcodes), reason);
    }

    static SoapFault versionMismatch() {
        return new SoapFault(500, "env:VersionMismatch", List.of(), "SOAP 1.2 is required");
    }

    static SoapFault notAuthorized() {
        return sender("Sender not Authorized", "ter:NotAuthorized");
    }

    static SoapFault actionNotSupported(String action) {
        return receiver("Action not supported: " + action, "ter:ActionNotSupported");
    }

    static SoapFault invalidArg(String reason, String detailCode) {
        return sender(reason, "ter:InvalidArgVal", detailCode);
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The env:Fault element. */
    String toXml() {
        StringBuilder sb = new StringBuilder("<env:Fault><env:Code><env:Value>").append(code).append("</env:Value>");
        for (String sub : subcodes) {
            sb.append("<env:Subcode><env:Value>").append(sub).append("</env:Value>");
        }
        sb.append("</env:Subcode>".repeat(subcodes.size()));
        sb.append("</env:Code><env:Reason><env:Text xml:lang=\"en\">").append(SoapXml.escape(getMessage()))
                .append("</env:Text></env:Reason></env:Fault>");
        return sb.toString();
    }
}
