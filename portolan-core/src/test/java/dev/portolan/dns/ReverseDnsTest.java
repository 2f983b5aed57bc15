package dev.portolan.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** --dns-servers: PTR questions go to the given server, on loopback here, answered by a few lines of dnsjava. */
class ReverseDnsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Answers PTR questions for 192.0.2.7 with host7.example.net and every other with NXDOMAIN. */
    private static void serve(DatagramSocket socket, AtomicInteger questions) {
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[512];
            try {
                while (true) {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    questions.incrementAndGet();
                    Message q = new Message(java.util.Arrays.copyOf(buf, in.getLength()));
                    Record question = q.getQuestion();
                    Message a = new Message(q.getHeader().getID());
                    a.getHeader().setFlag(Flags.QR);
                    a.addRecord(question, Section.QUESTION);
                    if (question.getName().toString().equals("7.2.0.192.in-addr.arpa.")) {
                        a.addRecord(new PTRRecord(question.getName(), DClass.IN, 60,
                                Name.fromString("host7.example.net.")), Section.ANSWER);
                    } else {
                        a.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] out = a.toWire();
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
    }

    @Test
    void namesComeFromTheGivenServerWithoutTheTrailingDot() throws Exception {
        AtomicInteger questions = new AtomicInteger();
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            serve(server, questions);
            try (ReverseDns dns = new ReverseDns(2000, List.of(new InetSocketAddress(LOOPBACK,
                    server.getLocalPort())))) {
                assertThat(dns.lookup(InetAddress.getByName("192.0.2.7")).get()).containsExactly("host7.example.net");
                assertThat(dns.lookup(InetAddress.getByName("192.0.2.8")).get()).isEmpty();
            }
            assertThat(questions.get()).isEqualTo(2);
        }
    }

    @Test
    void aSilentServerCostsTheTimeoutAndNoName() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             ReverseDns dns = new ReverseDns(400, List.of(new InetSocketAddress(LOOPBACK, silent.getLocalPort())))) {
            long start = System.nanoTime();
            assertThat(dns.lookup(InetAddress.getByName("192.0.2.7")).get()).isEmpty();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 2000L);
        }
    }
}
