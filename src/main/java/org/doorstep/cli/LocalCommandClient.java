package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import picocli.CommandLine;

/**
 * The asking side of the local command channel: when another process owns the data folder and serves it (see
 * {@link LocalCommandServer}), a command is sent there and its output, questions and exit code come back here, so the
 * user sees exactly what the command would have printed when run on its own.
 */
public final class LocalCommandClient {
    /**
     * Commands that are never carried out elsewhere: {@code record} says who records, discovery and the demo camera
     * touch no data folder, help is answered here, and {@code repair} replaces the database, so it needs the folder
     * to itself (it says who holds it). {@code doctor} travels: it reads the cameras, and the owner can say what
     * their motion analysis costs as measured (its machine checks run there too, on the same machine).
     */
    private static final Set<String> HERE_ONLY = Set.of("record", "discover", "demo-camera", "help", "repair");

    private final ObjectMapper mapper;
    private final Terminal terminal;

    public LocalCommandClient(ObjectMapper mapper, Terminal terminal) {
        this.mapper = mapper;
        this.terminal = terminal;
    }

    /**
     * Sends the command in {@code args} to the process that serves its data folder, if one does, and answers its exit
     * code; empty when the command is to run here (nobody serves the folder, it is a command that never travels, or
     * the arguments do not parse — then running it here prints the usual message).
     */
    public OptionalInt forwardIfServed(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return OptionalInt.empty();
        }
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return OptionalInt.empty();
            }
        }
        String command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : null;
        if (command != null && HERE_ONLY.contains(command)) {
            return OptionalInt.empty();
        }
        DoorstepCommand root = (DoorstepCommand) cli.getCommand();
        Path folder = root.dataFolder().toAbsolutePath();
        Path socket = ChannelFrames.socketIn(folder);
        if (!Files.exists(socket)) {
            return OptionalInt.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty(); // left behind by a process that died: the folder is free
        }
        ChannelFrames.Hello hello = new ChannelFrames.Hello(command, command == null ? List.of() : List.of(args),
                folder.toString(), Path.of("").toAbsolutePath().toString(), Locale.getDefault().toLanguageTag(),
                terminal.interactive());
        try (channel) {
            return OptionalInt.of(talk(channel, hello, out, err));
        } catch (IOException e) {
            err.println(Messages.of("channel").get("ownerGone"));
            return OptionalInt.of(UserException.EXIT_FAILURE);
        }
    }

    private int talk(SocketChannel channel, ChannelFrames.Hello hello, PrintWriter out, PrintWriter err)
            throws IOException {
        DataInputStream in = ChannelFrames.input(channel);
        DataOutputStream toOwner = ChannelFrames.output(channel);
        ChannelFrames.write(toOwner, ChannelFrames.HELLO, mapper.writeValueAsBytes(hello));
        while (true) {
            ChannelFrames.Frame f = ChannelFrames.read(in);
            if (f == null) {
                throw new IOException("the owner closed the channel before the command ended");
            }
            switch (f.type()) {
                case ChannelFrames.OUT -> {
                    out.print(f.text());
                    out.flush();
                }
                case ChannelFrames.ERR -> {
                    err.print(f.text());
                    err.flush();
                }
                case ChannelFrames.ASK -> answer(f.data(), toOwner, err);
                case ChannelFrames.EXIT -> {
                    return ChannelFrames.exitCode(f.data());
                }
                default -> throw new IOException("unknown frame " + f.type());
            }
        }
    }

    private void answer(byte[] question, DataOutputStream toOwner, PrintWriter err) throws IOException {
        boolean secret = question[0] == 1;
        String prompt = new String(question, 1, question.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        err.flush();
        if (secret) {
            char[] typed = terminal.readPassword(prompt);
            try {
                ChannelFrames.write(toOwner, ChannelFrames.REPLY, ChannelFrames.reply(typed));
            } finally {
                Arrays.fill(typed, '\0');
            }
        } else {
            ChannelFrames.write(toOwner, ChannelFrames.REPLY, ChannelFrames.reply(terminal.readLine(prompt)));
        }
    }
}
