package io.budgetmonitor.testkit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free TCP port on the loopback interface. */
final class FreePorts {

    private FreePorts() {}

    /**
     * Binds port 0 and releases it again. There is a small window in which another process could take
     * the port; for a test broker on 127.0.0.1 that risk is accepted in exchange for not needing the
     * server to report its own port.
     */
    static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
