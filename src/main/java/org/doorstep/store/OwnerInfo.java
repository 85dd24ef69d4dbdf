package org.doorstep.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who records, and why: what the information sign and the record of processing are filled from.
 *
 * @param name    the person or business responsible for the recording
 * @param contact how to reach them (address, phone or e-mail)
 * @param purpose why the cameras record, in the owner's words
 * @param kind    the preset it started from: "household", "shop" or "other"
 * @param skipped the owner chose to answer later (the welcome does not ask again; settings can)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OwnerInfo(String name, String contact, String purpose, String kind, boolean skipped) {
    public static OwnerInfo skippedForNow() {
        return new OwnerInfo("", "", "", "other", true);
    }
}
