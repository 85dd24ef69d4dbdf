package org.doorstep.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-visible text for one domain, read from {@code org/doorstep/i18n/<domain>.properties}
 * (English) and {@code <domain>_de.properties} (German). Each domain owns its own bundle so
 * packages can grow their wording without touching each other's files.
 */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** Messages of {@code domain} in the default locale (set once from {@code --lang}). */
    public static Messages of(String domain) {
        return of(domain, Locale.getDefault());
    }

    public static Messages of(String domain, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("org.doorstep.i18n." + domain, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, locale);
    }

    /** The text for {@code key} with {@code args} filled into its {0}, {1}… placeholders. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public Locale locale() {
        return locale;
    }
}
