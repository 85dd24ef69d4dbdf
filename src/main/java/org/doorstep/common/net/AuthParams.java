package org.doorstep.common.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The parameters of an HTTP or RTSP authentication header: a camera's challenge, or a client's answer. */
public final class AuthParams {
    private AuthParams() {
    }

    /**
     * Parses the {@code key=value, key="quoted, value"} list after the scheme ("Digest "). Keys are lower-cased;
     * quoted values may contain commas and backslash escapes; the first of a repeated key wins.
     */
    public static Map<String, String> parse(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = s.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                i++; // closing quote
            } else {
                while (i < n && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.putIfAbsent(key, value.toString().trim());
        }
        return out;
    }
}
