package dev.fieldshell.shell.link;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Keys held by the user's SSH agent, reached over its Unix socket ({@code SSH_AUTH_SOCK}) with the
 * agent protocol's two requests we need: list identities and sign. Java's own Unix-domain sockets
 * make MINA's native (APR) agent support unnecessary. No forwarding is offered to the module.
 */
final class AgentSocketFactory implements SshAgentFactory {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;

    private final Path socket;

    AgentSocketFactory(Path socket) {
        this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        return new Agent(socket);
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("agent forwarding is not offered");
    }

    private static final class Agent implements SshAgent {
        private final SocketChannel channel;
        private final DataInputStream in;
        private final DataOutputStream out;

        Agent(Path socket) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new DataInputStream(Channels.newInputStream(channel));
            out = new DataOutputStream(Channels.newOutputStream(channel));
        }

        private synchronized ByteArrayBuffer request(byte[] message) throws IOException {
            out.writeInt(message.length);
            out.write(message);
            out.flush();
            int len = in.readInt();
            if (len <= 0 || len > 256 * 1024) {
                throw new IOException("the SSH agent sent a bad answer length " + len);
            }
            byte[] answer = new byte[len];
            in.readFully(answer);
            return new ByteArrayBuffer(answer);
        }

        @Override
        public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
            ByteArrayBuffer answer = request(new byte[] {REQUEST_IDENTITIES});
            if (answer.getByte() != IDENTITIES_ANSWER) {
                throw new IOException("the SSH agent refused to list its keys");
            }
            int n = answer.getInt();
            List<Map.Entry<PublicKey, String>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] blob = answer.getBytes();
                String comment = answer.getString();
                try {
                    keys.add(new AbstractMap.SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
                } catch (Exception e) {
                    // A key type this JDK cannot read (e.g. a security key) is skipped.
                }
            }
            return keys;
        }

        @Override
        public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algo, byte[] data)
                throws IOException {
            ByteArrayBuffer req = new ByteArrayBuffer();
            req.putByte(SIGN_REQUEST);
            ByteArrayBuffer keyBlob = new ByteArrayBuffer();
            keyBlob.putRawPublicKey(key);
            req.putBytes(keyBlob.getCompactData());
            req.putBytes(data);
            int flags = "rsa-sha2-256".equals(algo) ? RSA_SHA2_256 : "rsa-sha2-512".equals(algo) ? RSA_SHA2_512 : 0;
            req.putInt(flags);
            ByteArrayBuffer answer = request(req.getCompactData());
            if (answer.getByte() != SIGN_RESPONSE) {
                throw new IOException("the SSH agent refused to sign with the " + KeyUtils.getKeyType(key) + " key");
            }
            ByteArrayBuffer sig = new ByteArrayBuffer(answer.getBytes());
            String sigAlgo = sig.getString();
            return new AbstractMap.SimpleImmutableEntry<>(sigAlgo, sig.getBytes());
        }

        @Override
        public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
            throw new UnsupportedOperationException("fieldshell does not add keys to the agent");
        }

        @Override
        public void removeIdentity(PublicKey key) {
            throw new UnsupportedOperationException("fieldshell does not remove keys from the agent");
        }

        @Override
        public void removeAllIdentities() {
            throw new UnsupportedOperationException("fieldshell does not remove keys from the agent");
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
