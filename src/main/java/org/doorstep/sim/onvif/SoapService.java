package org.doorstep.sim.onvif;

import java.util.Set;
import org.w3c.dom.Element;

/** One ONVIF SOAP service: answers operations by their local name. */
interface SoapService {
    /** Where the request came in, used to build addresses the client can reach. */
    record Request(String baseUrl, String path, Element header, Element operation) {}

    Set<String> actions();

    /** The response body element(s) for {@code request.operation()}. */
    String handle(String action, Request request) throws SoapFault;
}
