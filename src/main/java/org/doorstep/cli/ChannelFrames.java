package org.doorstep.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The frames of the local command channel: a type byte, a length and that many bytes. The asking process sends one
 * {@link #HELLO} (what to run) and {@link #REPLY}s to questions; the owning process sends output ({@link #OUT},
 * {@link #ERR}), questions ({@link #ASK}) and finally the exit code ({@link #EXIT}).
 */
final class ChannelFrames {
    static final byte HELLO = 'H';
    static final byte REPLY = 'R';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte ASK = 'A';
    static final byte EXIT = 'X';

    /** A reply or hello larger than this is not from a Doorstep process: the connection is dropped. */
    private static final int MAX_FRAME = 1 << 20;

    /** The name of the channel's socket in the data folder. */
    static final String SOCKET_NAME = "doorstep.sock";

    private ChannelFrames() {}

    static Path socketIn(Path dataFolder) {
        return dataFolder.resolve(SOCKET_NAME);
    }

    /**
     * Reading and writing the channel at once (a question waits for its answer while output is sent): the streams
     * of {@link java.nio.channels.Channels} take one lock for both on a blocking channel, so these call the channel
     * directly, whose reads and writes do not wait for each other.
     */
    static DataInputStream input(java.nio.channels.SocketChannel channel) {
        return new DataInputStream(new java.io.BufferedInputStream(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(java.nio.ByteBuffer.wrap(b, off, len));
            }
        }));
    }

    static DataOutputStream output(java.nio.channels.SocketChannel channel) {
        return new DataOutputStream(new java.io.BufferedOutputStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }));
    }

    /**
     * What the asking process wants run ({@code command}: the subcommand's name, null for "open the window"), and the
     * context the command needs to mean the same as there.
     */
    record Hello(String command, List<String> args, String dataFolder, String workingDir, String language,
                 boolean interactive) {}

    record Frame(byte type, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    static void write(DataOutputStream out, byte type, byte[] data) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(data.length);
            out.write(data);
            out.flush();
        }
    }

    static void write(DataOutputStream out, byte type, String text) throws IOException {
        write(out, type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next frame; null at the end of the stream. */
    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes refused");
        }
        byte[] data = new byte[length];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            return null;
        }
        return new Frame((byte) type, data);
    }

    /** A question: whether the answer is secret, then the prompt. */
    static byte[] ask(boolean secret, String prompt) {
        byte[] p = prompt.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[p.length + 1];
        data[0] = (byte) (secret ? 1 : 0);
        System.arraycopy(p, 0, data, 1, p.length);
        return data;
    }

    /** An answer: 1 and the text, or 0 when the asking side has no more input. */
    static byte[] reply(String answer) {
        if (answer == null) {
            return new byte[] {0};
        }
        byte[] a = answer.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[a.length + 1];
        data[0] = 1;
        System.arraycopy(a, 0, data, 1, a.length);
        return data;
    }

    /** A secret answer, encoded without passing through a String (which would stay in memory until collected). */
    static byte[] reply(char[] secret) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
        byte[] data = new byte[encoded.remaining() + 1];
        data[0] = 1;
        encoded.get(data, 1, encoded.remaining());
        java.util.Arrays.fill(encoded.array(), (byte) 0);
        return data;
    }

    static int exitCode(byte[] data) {
        return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    }

    static byte[] exit(int code) {
        return new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code};
    }
}
