package io.budgetmonitor.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Refuses to start on a taken port with a message that names the setting to change. */
final class PortCheck {

    private PortCheck() {}

    /** @return the port, or a free one when {@code port} is 0 */
    static int claim(int port, String setting) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use: choose another with " + setting);
        }
    }
}
