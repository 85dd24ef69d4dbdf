package org.doorstep.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/**
 * The window's look: AtlantaFX Primer, light or dark. "System" follows the operating system's preference where it
 * can be read without native code (JavaFX 21 has no API for it; {@code Platform.getPreferences()} arrives in 22).
 */
public enum Theme {
    SYSTEM, LIGHT, DARK;

    /** Sets the stylesheet for every window of the application; call on the JavaFX thread. */
    public void apply() {
        Application.setUserAgentStylesheet(isDark() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public boolean isDark() {
        return switch (this) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> SystemPreference.prefersDark(System::getenv);
        };
    }

    /** Whether the stylesheet now in use is a dark one (whoever set it: the toggle, the settings, the start). */
    public static boolean darkInUse() {
        return String.valueOf(Application.getUserAgentStylesheet()).contains("dark");
    }

    /** Reads a setting's value leniently ({@code system} for anything unknown). */
    public static Theme parse(String value) {
        if (value == null) {
            return SYSTEM;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
    }

    /** The OS's dark preference as far as the environment tells it (GTK theme name, a forced override). */
    static final class SystemPreference {
        private SystemPreference() {
        }

        static boolean prefersDark(java.util.function.Function<String, String> env) {
            String forced = env.apply("DOORSTEP_THEME");
            if (forced != null) {
                return forced.equalsIgnoreCase("dark");
            }
            String gtk = env.apply("GTK_THEME");
            if (gtk != null) {
                return gtk.toLowerCase(Locale.ROOT).contains("dark");
            }
            return System.getProperty("os.name", "").startsWith("Windows") && windowsAppsUseDark();
        }

        private static boolean windowsAppsUseDark() {
            try {
                Process p = new ProcessBuilder("reg", "query",
                        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
                return out.contains("0x0");
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
