package org.doorstep.privacy;

import java.net.URI;
import java.net.URISyntaxException;
import org.doorstep.store.Camera;

/**
 * Puts a camera's user name and password into a stream address, in memory only, for the moment a
 * connection is opened. The result must never be stored, shown or logged: use {@link Redact} for that.
 */
public final class CameraCredentials {
    private final CredentialVault vault;

    public CameraCredentials(CredentialVault vault) {
        this.vault = vault;
    }

    /** {@code url} with the camera's credentials, or unchanged when the camera has none or the URL carries its own. */
    public URI authenticated(Camera camera, URI url) {
        if (url == null || camera.username() == null || camera.username().isEmpty() || url.getUserInfo() != null) {
            return url;
        }
        String password = vault.read(camera.credentialRef()).map(String::new).orElse("");
        try {
            return withUser(url, camera.username(), password);
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /**
     * {@code url} with {@code user} (and {@code password}, when not empty) as its user info, the way FFmpeg takes
     * them; only ever kept in memory.
     */
    public static URI withUser(URI url, String user, String password) throws URISyntaxException {
        return new URI(url.getScheme(), user + (password == null || password.isEmpty() ? "" : ":" + password),
                url.getHost(), url.getPort(), url.getPath(), url.getQuery(), url.getFragment());
    }
}
