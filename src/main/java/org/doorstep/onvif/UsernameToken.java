package org.doorstep.onvif;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

/** WS-Security UsernameToken with PasswordDigest, as ONVIF's legacy auth wants it. */
public final class UsernameToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** UTC with a literal Z: some Hikvision firmware rejects "+00:00". */
    static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private UsernameToken() {}

    /** Base64(SHA-1(nonce ‖ created ‖ password)). */
    public static String passwordDigest(byte[] nonce, String created, char[] password) {
        byte[] pw = utf8(password);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(pw);
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** The Security header; {@code cameraNow} is our clock plus the camera's offset. */
    public static String header(String user, char[] password, Instant cameraNow) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return header(user, password, cameraNow, nonce);
    }

    static String header(String user, char[] password, Instant cameraNow, byte[] nonce) {
        String created = CREATED.format(cameraNow.truncatedTo(ChronoUnit.SECONDS));
        return "<wsse:Security s:mustUnderstand=\"1\""
                + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + SafeXml.escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + passwordDigest(nonce, created, password) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }
}
