package dev.portolan.lab.services;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Plain-Java clients that check a lab service answers in its own protocol, run inside the scanner namespace (one
 * JVM for all probes). Prints one line per probe: {@code RESULT <kind>@<port> OK|FAIL <what it saw>}.
 *
 * <p>Usage: {@code ServiceProbe HOST KIND:PORT...}, KIND one of banner, http, https, redis, postgresql, mysql,
 * memcached, memcached-udp, dns-udp, dns-tcp, snmp, ntp, drip, endless, tls-garbage, tcpwrapped, silent.
 */
public final class ServiceProbe {
    static final int TIMEOUT_MS = 5000;

    private ServiceProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: ServiceProbe HOST KIND:PORT...");
            System.exit(2);
        }
        String host = args[0];
        Map<String, String> results = new ConcurrentSkipListMap<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String probe : Arrays.copyOfRange(args, 1, args.length)) {
                threads.submit(() -> results.put(probe, run(host, probe)));
            }
        }
        results.forEach((probe, result) -> System.out.println("RESULT " + probe + " " + result));
    }

    /** One probe's line: "OK what" or "FAIL why". */
    static String run(String host, String probe) {
        int colon = probe.lastIndexOf(':');
        try {
            String kind = probe.substring(0, colon);
            int port = Integer.parseInt(probe.substring(colon + 1));
            return "OK " + oneLine(probe(kind, host, port));
        } catch (Exception e) {
            return "FAIL " + oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    static String probe(String kind, String host, int port) throws Exception {
        return switch (kind) {
            case "banner" -> firstLine(tcp(host, port).getInputStream());
            case "http" -> http(tcp(host, port));
            case "https" -> https(host, port);
            case "redis" -> talk(host, port, "PING\r\nINFO server\r\nQUIT\r\n");
            case "postgresql" -> postgres(host, port);
            case "mysql" -> mysql(host, port);
            case "memcached" -> talk(host, port, "version\r\nquit\r\n");
            case "memcached-udp" -> memcachedUdp(host, port);
            case "dns-udp" -> dns(host, port, false);
            case "dns-tcp" -> dns(host, port, true);
            case "snmp" -> snmp(host, port);
            case "ntp" -> ntp(host, port);
            case "drip" -> drip(host, port);
            case "endless" -> endless(host, port);
            case "tls-garbage" -> garbage(host, port);
            case "tcpwrapped" -> wrapped(host, port);
            case "silent" -> silent(host, port);
            default -> throw new IllegalArgumentException("unknown probe kind " + kind);
        };
    }

    private static Socket tcp(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0 && b != '\n' && line.size() < 512; ) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** Sends {@code request} and reads until the server closes. */
    private static String talk(String host, int port, String request) throws IOException {
        try (Socket s = tcp(host, port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readNBytes(8192), StandardCharsets.ISO_8859_1);
        }
    }

    private static String http(Socket s) throws IOException {
        try (s) {
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: lab.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readNBytes(8192), StandardCharsets.ISO_8859_1);
            String status = response.lines().findFirst().orElse("");
            String server = response.lines().filter(l -> l.regionMatches(true, 0, "Server:", 0, 7)).findFirst()
                    .orElse("Server: (none)");
            return status + " | " + server;
        }
    }

    private static String https(String host, int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(tcp(host, port), host, port, true)) {
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(Tls.CERTIFICATE_CN)));
            s.setSSLParameters(params);
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return s.getSession().getProtocol() + " | " + cert.getSubjectX500Principal().getName() + " | "
                    + http(s);
        }
    }

    /** Accepts any certificate: the lab's is self-signed, and the probe only shows what it was given. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A startup message for user "lab": the server asks for authentication ('R') or refuses ('E'). */
    private static String postgres(String host, int port) throws IOException {
        byte[] params = "user\0lab\0database\0lab\0\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer startup = ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(196608)
                .put(params);
        try (Socket s = tcp(host, port)) {
            s.getOutputStream().write(startup.array());
            InputStream in = s.getInputStream();
            int type = in.read();
            byte[] len = in.readNBytes(4);
            int n = ByteBuffer.wrap(len).getInt() - 4;
            byte[] body = in.readNBytes(Math.min(n, 4096));
            return "message " + (char) type + (type == 'R' ? " auth " + ByteBuffer.wrap(body).getInt() : "")
                    + " " + new String(body, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", " ").strip();
        }
    }

    /** The server's greeting: protocol version and server version string. */
    private static String mysql(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(4);
            int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] body = in.readNBytes(len);
            if (body.length == 0 || body[0] == (byte) 0xff) {
                throw new IOException("error packet instead of a greeting: "
                        + new String(body, StandardCharsets.ISO_8859_1));
            }
            int end = 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            return "protocol " + body[0] + " version " + new String(body, 1, end - 1, StandardCharsets.US_ASCII);
        }
    }

    private static byte[] udp(String host, int port, byte[] request) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(TIMEOUT_MS / 5);
            InetAddress to = InetAddress.getByName(host);
            byte[] buf = new byte[4096];
            for (int attempt = 0; ; attempt++) {
                s.send(new DatagramPacket(request, request.length, to, port));
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(reply);
                    return Arrays.copyOf(reply.getData(), reply.getLength());
                } catch (SocketTimeoutException e) {
                    if (attempt == 4) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String memcachedUdp(String host, int port) throws IOException {
        // the UDP frame header: request id, sequence 0, 1 datagram, reserved
        byte[] frame = {0, 7, 0, 0, 0, 1, 0, 0};
        byte[] cmd = "version\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(frame, frame.length + cmd.length);
        System.arraycopy(cmd, 0, request, frame.length, cmd.length);
        byte[] reply = udp(host, port, request);
        return new String(reply, 8, reply.length - 8, StandardCharsets.US_ASCII).strip();
    }

    private static String dns(String host, int port, boolean overTcp) throws IOException {
        List<String> answers = new ArrayList<>();
        answers.add("A www.lab.example=" + Dns.firstA(dnsExchange(host, port, overTcp,
                Dns.query(0x1234, "www.lab.example", Dns.TYPE_A, Dns.CLASS_IN))));
        answers.add("TXT version.bind=" + Dns.firstTxt(dnsExchange(host, port, overTcp,
                Dns.query(0x1235, "version.bind", Dns.TYPE_TXT, Dns.CLASS_CHAOS))));
        return String.join(" | ", answers);
    }

    private static byte[] dnsExchange(String host, int port, boolean overTcp, byte[] query) throws IOException {
        if (!overTcp) {
            return udp(host, port, query);
        }
        try (Socket s = tcp(host, port)) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {(byte) (query.length >> 8), (byte) query.length});
            out.write(query);
            InputStream in = s.getInputStream();
            byte[] len = in.readNBytes(2);
            return in.readNBytes((len[0] & 0xff) << 8 | (len[1] & 0xff));
        }
    }

    private static String snmp(String host, int port) throws IOException {
        byte[] reply = udp(host, port, Snmp.getRequest(Snmpd.COMMUNITY, 42, Snmp.SYS_NAME, Snmp.SYS_DESCR));
        return String.join(" | ", Snmp.strings(reply));
    }

    private static String ntp(String host, int port) throws IOException {
        byte[] request = new byte[48];
        request[0] = 0x23; // leap 0, version 4, mode 3 (client)
        byte[] reply = udp(host, port, request);
        if (reply.length < 48) {
            throw new IOException("short NTP reply: " + reply.length + " bytes");
        }
        return "version " + ((reply[0] >> 3) & 7) + " mode " + (reply[0] & 7) + " stratum " + (reply[1] & 0xff)
                + " refid " + HexFormat.of().formatHex(reply, 12, 16);
    }

    private static String drip(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            long start = System.nanoTime();
            int n = 0;
            InputStream in = s.getInputStream();
            while (System.nanoTime() - start < 2_500_000_000L && in.read() >= 0) {
                n++;
            }
            return n + " bytes in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    private static String endless(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            long start = System.nanoTime();
            long n = 0;
            byte[] buf = new byte[65536];
            InputStream in = s.getInputStream();
            for (int r; n < 8L << 20 && (r = in.read(buf)) >= 0; ) {
                n += r;
            }
            return (n >= 8L << 20 ? "at least " + (8L << 20) : Long.toString(n)) + " bytes in " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    private static String garbage(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            // the start of a TLS 1.2 ClientHello record: enough for the server to answer
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03});
            byte[] all = s.getInputStream().readAllBytes();
            return all.length + " bytes, first " + (all.length == 0 ? "-" : HexFormat.of().toHexDigits(all[0]));
        }
    }

    private static String wrapped(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            long start = System.nanoTime();
            int b = s.getInputStream().read();
            return (b < 0 ? "closed" : "sent data") + " after " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    private static String silent(String host, int port) throws IOException {
        try (Socket s = tcp(host, port)) {
            s.setSoTimeout(2000);
            try {
                int b = s.getInputStream().read();
                return b < 0 ? "closed" : "sent data";
            } catch (SocketTimeoutException e) {
                return "silent for 2000 ms";
            }
        }
    }
}
