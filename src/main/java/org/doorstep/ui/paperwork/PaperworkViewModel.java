package org.doorstep.ui.paperwork;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.store.OwnerInfo;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.owner.OwnerController;
import org.doorstep.usecase.paperwork.PaperSize;
import org.doorstep.usecase.paperwork.Paperwork;
import org.doorstep.usecase.paperwork.PaperworkFacts;

/**
 * "Privacy paperwork": the sign's preview in the chosen language and paper size, what the owner has not told Doorstep
 * yet (editable here), and saving or opening the sign and the record. Every preview and every file is made from the
 * settings as they are at that moment; saving the owner's answer also brings the copies in {@code paperwork/} up to
 * date.
 */
public final class PaperworkViewModel {
    /** Opens a finished document in the system's PDF viewer. Called off the FX thread. */
    @FunctionalInterface
    public interface FileOpener {
        void open(Path file) throws Exception;
    }

    private final Paperwork paperwork;
    private final OwnerController owner;
    private final UiExecutors executors;
    private final Messages text;
    private final FileOpener opener;
    private final ObjectProperty<Locale> language = new SimpleObjectProperty<>();
    private final ObjectProperty<PaperSize> size = new SimpleObjectProperty<>(PaperSize.A4);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty contact = new SimpleStringProperty("");
    private final StringProperty purpose = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<byte[]> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper missing = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** Only the newest preview is shown: a quick language-then-size change must not end on the older picture. */
    private final AtomicInteger generation = new AtomicInteger();
    private String kind = "other";

    public PaperworkViewModel(Paperwork paperwork, OwnerController owner, UiExecutors executors, Messages text,
                              FileOpener opener) {
        this.paperwork = paperwork;
        this.owner = owner;
        this.executors = executors;
        this.text = text;
        this.opener = opener;
        this.language.set(Paperwork.language(text.locale()));
        language.addListener((o, was, now) -> render());
        size.addListener((o, was, now) -> render());
    }

    /** Reads the owner's answer into the form and renders the preview. */
    public void load() {
        executors.background().execute(() -> {
            try {
                OwnerInfo info = owner.current().orElse(OwnerInfo.skippedForNow());
                executors.fx().execute(() -> {
                    name.set(info.name());
                    contact.set(info.contact());
                    purpose.set(info.purpose());
                    kind = info.kind();
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> message.set(Sentences.of(e)));
            }
        });
        render();
    }

    /** Renders the sign's preview from the current settings in the chosen language and size. */
    public void render() {
        int mine = generation.incrementAndGet();
        Locale lang = language.get();
        PaperSize paper = size.get();
        busy.set(true);
        executors.background().execute(() -> {
            try {
                PaperworkFacts facts = paperwork.facts();
                byte[] png = paperwork.signPng(lang, paper);
                String missingText = missingText(facts.missing());
                executors.fx().execute(() -> {
                    if (generation.get() == mine) {
                        preview.set(png);
                        missing.set(missingText);
                        busy.set(false);
                    }
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> {
                    message.set(text.get("failed", Sentences.of(e)));
                    busy.set(false);
                });
            }
        });
    }

    /** Keeps what the form says as the owner's answer, then shows and stores the paperwork made from it. */
    public void saveOwner() {
        String n = name.get();
        String c = contact.get();
        String p = purpose.get();
        String k = kind;
        executors.background().execute(() -> {
            try {
                owner.save(n, c, p, k);
                paperwork.refresh();
                executors.fx().execute(() -> {
                    message.set(text.get("ui.owner.saved"));
                    render(); // from the FX thread: it sets the busy flag the window shows
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> message.set(Sentences.of(e)));
            }
        });
    }

    /** Writes {@code kind} to {@code out} (a PDF, or a PNG of the sign). */
    public void save(Paperwork.Kind document, Path out) {
        Locale lang = language.get();
        PaperSize paper = size.get();
        busy.set(true);
        executors.background().execute(() -> {
            try {
                Path written = paperwork.write(document, lang, paper, out);
                executors.fx().execute(() -> {
                    message.set(text.get("ui.saved", written));
                    busy.set(false);
                });
            } catch (RuntimeException e) {
                executors.fx().execute(() -> {
                    message.set(Sentences.of(e));
                    busy.set(false);
                });
            }
        });
    }

    /** Brings {@code paperwork/} up to date and opens {@code kind} there in the system's PDF viewer. */
    public void open(Paperwork.Kind document) {
        Locale lang = language.get();
        PaperSize paper = size.get();
        busy.set(true); // the copies are made anew first when the settings changed (a few seconds)
        executors.background().execute(() -> {
            Path file = paperwork.fileFor(document, lang, paper);
            try {
                paperwork.refresh();
                opener.open(file);
                executors.fx().execute(() -> busy.set(false));
            } catch (Exception e) {
                executors.fx().execute(() -> {
                    message.set(e instanceof UnsupportedOperationException
                            ? text.get("ui.noOpener", file.getParent()) : Sentences.of(e));
                    busy.set(false);
                });
            }
        });
    }

    /** A file name for "Save…": "information-sign-de-a4.pdf", "record-of-processing-en.pdf". */
    public String suggestedName(Paperwork.Kind document, boolean png) {
        String lang = language.get().getLanguage();
        return document == Paperwork.Kind.SIGN
                ? "information-sign-" + lang + "-" + size.get().name().toLowerCase(Locale.ROOT) + (png ? ".png" : ".pdf")
                : "record-of-processing-" + lang + ".pdf";
    }

    private String missingText(List<String> keys) {
        if (keys.isEmpty()) {
            return text.get("ui.missing.none");
        }
        return text.get("ui.missing", String.join(", ", keys.stream().map(text::get).toList()));
    }

    public ObjectProperty<Locale> languageProperty() {
        return language;
    }

    public ObjectProperty<PaperSize> sizeProperty() {
        return size;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty contactProperty() {
        return contact;
    }

    public StringProperty purposeProperty() {
        return purpose;
    }

    /** The sign as a PNG, for the preview. */
    public ReadOnlyObjectProperty<byte[]> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Which owner facts the paperwork prints as lines to fill in. */
    public ReadOnlyStringProperty missingProperty() {
        return missing.getReadOnlyProperty();
    }

    /** The last thing to tell the user (saved, failed). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether a preview or a file is being made. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public Messages text() {
        return text;
    }
}
