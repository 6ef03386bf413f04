package dev.trueline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on 127.0.0.1 that nothing listens on, for the servers the tests start. Several asked for together are
 * distinct: each is held open until all are chosen. Asked for one at a time, the OS may hand out the same port twice
 * (seen: an app started with its HTTP and management interfaces on one port, so its health probe never answered).
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free port. */
    public static int one() {
        return take(1)[0];
    }

    /** {@code count} distinct free ports. */
    public static int[] take(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket that accepted nothing: nothing to do
                }
            }
        }
    }
}
