package org.doorstep.motion;

/** Camera URLs as they may appear in thread names and logs: without user name and password. */
final class SafeUrls {

    private SafeUrls() {
    }

    static String safe(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int hostStart = scheme + 3;
        int slash = url.indexOf('/', hostStart);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        return at >= hostStart ? url.substring(0, hostStart) + url.substring(at + 1) : url;
    }
}
