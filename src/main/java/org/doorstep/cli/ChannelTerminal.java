package org.doorstep.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;

/**
 * The asking process's terminal, seen from the process that carries its command out: questions travel as
 * {@link ChannelFrames#ASK} frames and are answered there (echo off for secrets), so nothing is ever asked on the
 * owner's own terminal or window.
 */
final class ChannelTerminal implements Terminal {
    /** Put into the answers when the asking process went away. */
    static final byte[] GONE = new byte[0];

    private final DataOutputStream out;
    private final BlockingQueue<byte[]> answers;
    private final boolean interactive;

    ChannelTerminal(DataOutputStream out, BlockingQueue<byte[]> answers, boolean interactive) {
        this.out = out;
        this.answers = answers;
        this.interactive = interactive;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public String readLine(String prompt) throws IOException {
        byte[] answer = ask(false, prompt);
        return answer == null ? null : new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public char[] readPassword(String prompt) throws IOException {
        byte[] answer = ask(true, prompt);
        if (answer == null) {
            return new char[0];
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(answer, 1, answer.length - 1));
        char[] secret = new char[chars.remaining()];
        chars.get(secret);
        Arrays.fill(answer, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return secret;
    }

    /** The answer frame's data (1, text) or null when there is no more input. */
    private byte[] ask(boolean secret, String prompt) throws IOException {
        ChannelFrames.write(out, ChannelFrames.ASK, ChannelFrames.ask(secret, prompt));
        byte[] answer;
        try {
            answer = answers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an answer");
        }
        if (answer == GONE) {
            answers.offer(GONE); // for the next question, which gets no answer either
            return null;
        }
        return answer.length == 0 || answer[0] == 0 ? null : answer;
    }
}
