package org.doorstep.common;

import java.net.URI;
import java.net.URISyntaxException;

/** Removes secrets from values before they are shown or logged. */
public final class Redact {
    private Redact() {}

    /** The URL without any user:password part. */
    public static URI withoutCredentials(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null : uri.getPath(),
                    uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            return URI.create(uri.getScheme() + "://" + uri.getHost());
        }
    }

    /**
     * The URL or file path as it may be shown or logged: any user:password part removed. Works on the plain text, so
     * file paths and URLs that {@link URI} would reject (unencoded '@' in a password) are handled too; text without
     * "://" is returned unchanged.
     */
    public static String displayUrl(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int hostStart = scheme + 3;
        int slash = url.indexOf('/', hostStart);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        return at >= hostStart ? url.substring(0, hostStart) + url.substring(at + 1) : url;
    }

    /** The user name in the URL, if any. */
    public static String userOf(URI uri) {
        String info = uri == null ? null : uri.getUserInfo();
        if (info == null) {
            return null;
        }
        int colon = info.indexOf(':');
        return colon < 0 ? info : info.substring(0, colon);
    }

    /** The password in the URL, if any. */
    public static char[] passwordOf(URI uri) {
        String info = uri == null ? null : uri.getUserInfo();
        if (info == null || info.indexOf(':') < 0) {
            return null;
        }
        return info.substring(info.indexOf(':') + 1).toCharArray();
    }
}
