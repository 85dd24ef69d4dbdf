package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.doorstep.common.Messages;
import org.doorstep.common.Permissions;
import org.doorstep.common.Threads;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Doorstep;
import org.doorstep.usecase.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Carries out commands for other Doorstep processes of the same user while this process owns the data folder (the
 * window or {@code doorstep record}): {@code doorstep erase} or {@code segments} typed in a terminal then work while
 * recording goes on, instead of failing with "data folder in use". The channel is a Unix domain socket in the data
 * folder, which only its owner can enter (the folder is rwx------ and the socket rw-------), so no other user and
 * no other computer can reach it. Commands run one at a time, with the asking process's language, working directory
 * and terminal (questions are answered there).
 */
public final class LocalCommandServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandServer.class);

    private final Doorstep owner;
    private final Workspace workspace;
    private final Runnable showWindow;
    private final ObjectMapper mapper;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private volatile boolean closed;

    private LocalCommandServer(Doorstep owner, Workspace workspace, Runnable showWindow, ObjectMapper mapper,
                               Path socket, ServerSocketChannel server) {
        this.owner = owner;
        this.workspace = workspace;
        this.showWindow = showWindow;
        this.mapper = mapper;
        this.socket = socket;
        this.server = server;
    }

    /**
     * Starts serving {@code workspace}'s folder. The caller holds the folder, so a socket file left there by a
     * process that died is stale and replaced. Where the channel cannot be made (a file system without Unix
     * sockets, a path too long for one), other processes get today's "folder in use" sentence: the handle then does
     * nothing.
     */
    public static AutoCloseable start(Doorstep owner, Workspace workspace, Runnable showWindow, ObjectMapper mapper) {
        Path socket = ChannelFrames.socketIn(workspace.folder());
        ServerSocketChannel server = null;
        try {
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Permissions.ownerOnly(socket);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.warn("other Doorstep commands cannot reach this process ({}); they will find the folder in use",
                    e.getMessage());
            closeQuietly(server);
            return () -> { };
        }
        LocalCommandServer s = new LocalCommandServer(owner, workspace, showWindow, mapper, socket, server);
        Threads.start(s::acceptLoop, "local-commands");
        return s;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("local command channel: {}", e.getMessage());
                }
                return;
            }
            Threads.start(() -> serve(client), "local-command");
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            DataInputStream in = ChannelFrames.input(client);
            DataOutputStream out = ChannelFrames.output(client);
            ChannelFrames.Frame first = ChannelFrames.read(in);
            if (first == null || first.type() != ChannelFrames.HELLO) {
                return;
            }
            ChannelFrames.Hello hello = mapper.readValue(first.data(), ChannelFrames.Hello.class);
            int code = carryOut(hello, in, out);
            ChannelFrames.write(out, ChannelFrames.EXIT, ChannelFrames.exit(code));
        } catch (IOException e) {
            LOG.info("local command ended early: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("local command failed", e);
        }
    }

    private int carryOut(ChannelFrames.Hello hello, DataInputStream in, DataOutputStream out) throws IOException {
        Locale asked = hello.language() == null ? Locale.getDefault() : Locale.forLanguageTag(hello.language());
        Messages m = Messages.of("channel", asked);
        if (!sameFolder(hello.dataFolder())) {
            ChannelFrames.write(out, ChannelFrames.ERR, m.get("otherFolder", workspace.folder()) + "\n");
            return UserException.EXIT_FAILURE;
        }
        if (hello.command() == null) {
            return windowAsked(m, out);
        }
        // only one command at a time: they share the owner's workspace and the process's default language
        oneAtATime.lock();
        Locale before = Locale.getDefault();
        BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        ServedDoorstep served = new ServedDoorstep(owner, workspace);
        Thread listener = Threads.daemon(() -> listen(in, answers, served), "local-command-answers");
        try {
            Locale.setDefault(asked);
            listener.start();
            Terminal terminal = new ChannelTerminal(out, answers, hello.interactive());
            DoorstepCommand root = new DoorstepCommand(served,
                    (dir, demo) -> OptionalInt.empty(), mapper, terminal, Path.of(hello.workingDir()));
            CommandLine cli = new CommandLine(root);
            ErrorReporting.install(cli);
            cli.setOut(new PrintWriter(new FrameWriter(out, ChannelFrames.OUT), true));
            cli.setErr(new PrintWriter(new FrameWriter(out, ChannelFrames.ERR), true));
            LOG.info("carrying out a command for another process: {}", hello.command());
            // a password or PIN typed for this command opens the lock for it, not for the window left at the PC:
            // afterwards the window is locked again, or unlocked as the person who was unlocked there
            org.doorstep.usecase.lock.AppLock.Session lockBefore = workspace.lock().session();
            int code;
            try {
                code = cli.execute(hello.args().toArray(String[]::new));
            } finally {
                workspace.lock().restore(lockBefore);
            }
            cli.getOut().flush();
            cli.getErr().flush();
            return code;
        } finally {
            Locale.setDefault(before);
            oneAtATime.unlock();
        }
    }

    /** Reads answers until the asking process closes the channel; then cancels what its command allows. */
    private static void listen(DataInputStream in, BlockingQueue<byte[]> answers, ServedDoorstep served) {
        try {
            while (true) {
                ChannelFrames.Frame f = ChannelFrames.read(in);
                if (f == null) {
                    break;
                }
                if (f.type() == ChannelFrames.REPLY) {
                    answers.add(f.data());
                }
            }
        } catch (IOException e) {
            LOG.debug("asking process gone: {}", e.getMessage());
        }
        answers.add(ChannelTerminal.GONE);
        served.askerGone();
    }

    private int windowAsked(Messages m, DataOutputStream out) throws IOException {
        if (showWindow == null) {
            ChannelFrames.write(out, ChannelFrames.ERR, m.get("recordingHeadless", Long.toString(ProcessHandle.current().pid())) + "\n");
            return UserException.EXIT_BUSY;
        }
        showWindow.run();
        ChannelFrames.write(out, ChannelFrames.OUT, m.get("windowShown") + "\n");
        return 0;
    }

    private boolean sameFolder(String asked) {
        try {
            return asked != null && Files.isSameFile(Path.of(asked), workspace.folder());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("socket file left behind: {}", e.getMessage());
        }
    }

    private static void closeQuietly(ServerSocketChannel s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing the channel: {}", e.getMessage());
            }
        }
    }

    /** Text written by the command, sent to the asking process as frames of one kind. */
    private static final class FrameWriter extends Writer {
        private final DataOutputStream out;
        private final byte type;
        private final StringBuilder pending = new StringBuilder();

        FrameWriter(DataOutputStream out, byte type) {
            this.out = out;
            this.type = type;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            synchronized (pending) {
                pending.append(cbuf, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            String text;
            synchronized (pending) {
                if (pending.length() == 0) {
                    return;
                }
                text = pending.toString();
                pending.setLength(0);
            }
            ChannelFrames.write(out, type, text);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
