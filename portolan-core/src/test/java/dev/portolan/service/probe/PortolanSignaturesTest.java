package dev.portolan.service.probe;

import static dev.portolan.service.probe.TestBytes.ascii;
import static dev.portolan.service.probe.TestBytes.cat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portolan.target.Protocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Portolan's own signature set against responses built here from each protocol's specification and the banners
 * the Debian packages send; nmap's file is not involved.
 */
class PortolanSignaturesTest {
    private static final ProbeCatalog OWN = ServiceCatalog.builtin();
    private static final ServiceMatcher MATCHER = new ServiceMatcher(OWN);

    private static Optional<ServiceMatch> match(Protocol protocol, String probe, byte[] response) {
        assertThat(OWN.probe(protocol, probe)).as("probe " + probe).isPresent();
        return MATCHER.match(Response.of(protocol, probe, 1, false, response));
    }

    private static ServiceMatch tcp(String probe, byte[] response) {
        return match(Protocol.TCP, probe, response).orElseThrow(() -> new AssertionError("no match"));
    }

    private static ServiceMatch tcp(String probe, String text) {
        return tcp(probe, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ServiceMatch udp(String probe, byte[] response) {
        return match(Protocol.UDP, probe, response).orElseThrow(() -> new AssertionError("no match"));
    }

    /** Bytes from escaped text: \xHH, \0, \r, \n as in the signature files. */
    private static byte[] b(String escaped) {
        return Escapes.unescape(escaped);
    }


    @Test
    void ssh() {
        ServiceMatch m = tcp("NULL", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        assertThat(m).isEqualTo(new ServiceMatch("ssh", false, false, "OpenSSH", "9.2p1",
                "Debian 2+deb12u3, protocol 2.0", "", "Linux", "",
                List.of("cpe:/a:openbsd:openssh:9.2p1", "cpe:/o:linux:linux_kernel"), "NULL", m.signature()));
        assertThat(m.signature()).startsWith("portolan-service-probes.txt:");
        assertThat(tcp("NULL", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.4\r\n").info())
                .isEqualTo("Ubuntu 3ubuntu0.4, protocol 2.0");
        ServiceMatch plain = tcp("NULL", "SSH-2.0-OpenSSH_9.6\r\n");
        assertThat(plain.version()).isEqualTo("9.6");
        assertThat(plain.info()).isEqualTo("protocol 2.0");
        assertThat(plain.os()).isEmpty();
        ServiceMatch dropbear = tcp("NULL", "SSH-2.0-dropbear_2022.83\r\n");
        assertThat(dropbear.product()).isEqualTo("Dropbear sshd");
        assertThat(dropbear.version()).isEqualTo("2022.83");
        ServiceMatch other = tcp("NULL", "SSH-2.0-Go\r\n");
        assertThat(other.service()).isEqualTo("ssh");
        assertThat(other.info()).isEqualTo("Go, protocol 2.0");
        assertThat(other.soft()).as("a catch-all leaves room for a specific match").isTrue();
    }

    @Test
    void ftp() {
        ServiceMatch vsftpd = tcp("NULL", "220 (vsFTPd 3.0.3)\r\n");
        assertThat(vsftpd.service()).isEqualTo("ftp");
        assertThat(vsftpd.product()).isEqualTo("vsftpd");
        assertThat(vsftpd.version()).isEqualTo("3.0.3");
        assertThat(vsftpd.cpes()).containsExactly("cpe:/a:beasts:vsftpd:3.0.3");
        ServiceMatch proftpd = tcp("NULL", "220 ProFTPD Server (Debian) [::ffff:127.0.0.1]\r\n");
        assertThat(proftpd.product()).isEqualTo("ProFTPD");
        assertThat(proftpd.info()).isEqualTo("Debian");
        assertThat(tcp("NULL", "220 ProFTPD 1.3.8 Server (ProFTPD) [127.0.0.1]\r\n").version()).isEqualTo("1.3.8");
        assertThat(tcp("NULL", "220 Welcome to the lab FTP service.\r\n").service()).isEqualTo("ftp");
    }

    @Test
    void smtp() {
        ServiceMatch exim = tcp("NULL", "220 mail.lab.example ESMTP Exim 4.96 Sun, 22 Nov 2026 16:00:00 +0000\r\n");
        assertThat(exim.service()).isEqualTo("smtp");
        assertThat(exim.product()).isEqualTo("Exim smtpd");
        assertThat(exim.version()).isEqualTo("4.96");
        assertThat(exim.hostname()).isEqualTo("mail.lab.example");
        assertThat(exim.cpes()).containsExactly("cpe:/a:exim:exim:4.96");
        ServiceMatch postfix = tcp("NULL", "220 mx.lab.example ESMTP Postfix (Debian/GNU)\r\n");
        assertThat(postfix.product()).isEqualTo("Postfix smtpd");
        assertThat(postfix.hostname()).isEqualTo("mx.lab.example");
        assertThat(postfix.os()).isEqualTo("Linux");
        assertThat(tcp("NULL", "220 relay.example ESMTP ready\r\n").hostname()).isEqualTo("relay.example");
    }

    @Test
    void pop3AndImap() {
        ServiceMatch pop = tcp("NULL", "+OK Dovecot (Debian) ready.\r\n");
        assertThat(pop.service()).isEqualTo("pop3");
        assertThat(pop.product()).isEqualTo("Dovecot pop3d");
        assertThat(pop.info()).isEqualTo("Debian");
        ServiceMatch imap = tcp("NULL", "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ "
                + "STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n");
        assertThat(imap.service()).isEqualTo("imap");
        assertThat(imap.product()).isEqualTo("Dovecot imapd");
        ServiceMatch cyrus = tcp("NULL", "* OK [CAPABILITY IMAP4rev1] imap.example Cyrus IMAP 3.6.1 server ready\r\n");
        assertThat(cyrus.product()).isEqualTo("Cyrus imapd");
        assertThat(cyrus.version()).isEqualTo("3.6.1");
        assertThat(cyrus.hostname()).isEqualTo("imap.example");
    }

    /** A MySQL protocol-10 handshake (Initial Handshake Packet) carrying {@code version}. */
    static byte[] mysqlHandshake(String version) {
        byte[] body = cat(b("\\x0a"), ascii(version), b("\\0"), b("\\x2a\\0\\0\\0"), ascii("abcdefgh"), b("\\0"),
                b("\\xff\\xf7\\x2d\\x02\\0\\xff\\x81\\x15\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"), ascii("ijklmnopqrst"),
                b("\\0"), ascii("mysql_native_password"), b("\\0"));
        return cat(new byte[] {(byte) body.length, (byte) (body.length >> 8), 0, 0}, body);
    }

    @Test
    void mysqlAndMariadb() {
        ServiceMatch maria = tcp("NULL", mysqlHandshake("5.5.5-10.11.6-MariaDB-0+deb12u1"));
        assertThat(maria.service()).isEqualTo("mysql");
        assertThat(maria.product()).isEqualTo("MariaDB");
        assertThat(maria.version()).isEqualTo("10.11.6");
        assertThat(maria.info()).isEqualTo("0+deb12u1");
        assertThat(maria.os()).isEqualTo("Linux");
        assertThat(maria.cpes()).contains("cpe:/a:mariadb:mariadb:10.11.6");
        ServiceMatch mysql = tcp("NULL", mysqlHandshake("8.0.35"));
        assertThat(mysql.product()).isEqualTo("MySQL");
        assertThat(mysql.version()).isEqualTo("8.0.35");
        assertThat(mysql.cpes()).containsExactly("cpe:/a:oracle:mysql:8.0.35");
        assertThat(tcp("NULL", mysqlHandshake("8.0.35-0ubuntu0.22.04.1")).os()).isEqualTo("Linux");
        byte[] denied = cat(b("\\x45\\0\\0\\0\\xff\\x6a\\x04"),
                ascii("Host '10.0.0.9' is not allowed to connect to this MariaDB server"));
        ServiceMatch refused = tcp("NULL", denied);
        assertThat(refused.product()).isEqualTo("MariaDB");
        assertThat(refused.info()).isEqualTo("unauthorized");
    }

    @Test
    void vncAndTelnet() {
        ServiceMatch vnc = tcp("NULL", "RFB 003.008\n");
        assertThat(vnc.service()).isEqualTo("vnc");
        assertThat(vnc.info()).isEqualTo("protocol 3.8");
        assertThat(tcp("NULL", b("\\xff\\xfd\\x18\\xff\\xfd\\x20\\xff\\xfd\\x23\\xff\\xfd\\x27")).service())
                .isEqualTo("telnet");
        assertThat(match(Protocol.TCP, "NULL", ascii("no banner we know\r\n"))).isEmpty();
    }

    @Test
    void tls() {
        byte[] serverHello = cat(b("\\x16\\x03\\x03\\x00\\x51\\x02\\x00\\x00\\x4d\\x03\\x03"), new byte[32],
                b("\\x20"), new byte[32], b("\\xc0\\x2f\\x00\\x00\\x05\\xff\\x01\\x00\\x01\\x00"));
        ServiceMatch hello = tcp("TLSClientHello", serverHello);
        assertThat(hello.service()).isEqualTo("ssl");
        assertThat(hello.info()).isEqualTo("TLSv1.2");
        assertThat(tcp("TLSClientHello", b("\\x15\\x03\\x03\\x00\\x02\\x02\\x46")).info())
                .isEqualTo("TLSv1.3 only (protocol_version alert)");
        assertThat(tcp("TLSClientHello", b("\\x15\\x03\\x01\\x00\\x02\\x02\\x28")).info()).isEqualTo("alert 40");
        ServiceMatch plain = tcp("GetRequest", "HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\n\r\n<html>"
                + "<head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>");
        assertThat(plain.service()).isEqualTo("ssl");
        assertThat(plain.product()).isEqualTo("nginx");
        assertThat(plain.asksForTls()).isTrue();
        assertThat(hello.asksForTls()).isTrue();
        assertThat(MATCHER.match(Response.of(Protocol.TCP, "TLSClientHello", 443, true, serverHello)).orElseThrow()
                .asksForTls()).as("already inside TLS").isFalse();
    }

    @Test
    void httpServers() {
        ServiceMatch nginx = tcp("GetRequest", "HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.22.1\r\n"
                + "Date: Sun, 22 Nov 2026 16:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 169\r\n"
                + "Connection: close\r\nLocation: https://lab.example/\r\n\r\n<html>\r\n<head><title>301 Moved "
                + "Permanently</title></head>\r\n<body></body></html>\r\n");
        assertThat(nginx).isEqualTo(new ServiceMatch("http", false, false, "nginx", "1.22.1",
                "redirects to https://lab.example/, title: 301 Moved Permanently", "", "", "",
                List.of("cpe:/a:f5:nginx:1.22.1"), "GetRequest", nginx.signature()));
        ServiceMatch apache = tcp("GetRequest", "HTTP/1.1 200 OK\r\nDate: Sun, 22 Nov 2026 16:00:00 GMT\r\n"
                + "Server: Apache/2.4.57 (Debian)\r\nX-Powered-By: PHP/8.2.7\r\nContent-Type: text/html\r\n\r\n"
                + "<!DOCTYPE html><html><head><TITLE>Lab wiki</TITLE></head></html>");
        assertThat(apache.product()).isEqualTo("Apache httpd");
        assertThat(apache.version()).isEqualTo("2.4.57");
        assertThat(apache.info()).isEqualTo("Debian, powered by PHP/8.2.7, title: Lab wiki");
        assertThat(apache.cpes()).containsExactly("cpe:/a:apache:http_server:2.4.57");
        ServiceMatch iis = tcp("GetRequest", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                + "server: Microsoft-IIS/10.0\r\n\r\n");
        assertThat(iis.product()).isEqualTo("Microsoft IIS httpd");
        assertThat(iis.version()).isEqualTo("10.0");
        assertThat(iis.os()).isEqualTo("Windows");
        ServiceMatch express = tcp("GetRequest", "HTTP/1.1 200 OK\r\nX-Powered-By: Express\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n\r\n<title>App</title>");
        assertThat(express.product()).isEqualTo("Node.js Express framework");
        assertThat(express.info()).isEqualTo("title: App");
        ServiceMatch custom = tcp("GetRequest", "HTTP/1.0 200 OK\r\nServer: Lab-Box/2.1\r\n\r\n");
        assertThat(custom.product()).isEqualTo("Lab-Box/2.1");
        assertThat(custom.soft()).isTrue();
        ServiceMatch bare = tcp("GetRequest", "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertThat(bare.service()).isEqualTo("http");
        assertThat(bare.product()).isEmpty();
        ServiceMatch werkzeug = tcp("GetRequest", "HTTP/1.1 200 OK\r\nServer: Werkzeug/2.2.2 Python/3.11.2\r\n\r\n");
        assertThat(werkzeug.product()).isEqualTo("Werkzeug httpd");
        assertThat(werkzeug.version()).isEqualTo("2.2.2");
        assertThat(werkzeug.info()).isEqualTo("Python 3.11.2");
    }

    @Test
    void elasticsearch() {
        String json = "{\n  \"name\" : \"node-1\",\n  \"cluster_name\" : \"lab\",\n  \"cluster_uuid\" : \"x\",\n"
                + "  \"version\" : {\n    \"number\" : \"8.11.1\",\n    \"build_flavor\" : \"default\"\n  },\n"
                + "  \"tagline\" : \"You Know, for Search\"\n}\n";
        ServiceMatch es = tcp("GetRequest", "HTTP/1.1 200 OK\r\nX-elastic-product: Elasticsearch\r\n"
                + "content-type: application/json\r\ncontent-length: " + json.length() + "\r\n\r\n" + json);
        assertThat(es.product()).isEqualTo("Elasticsearch REST API");
        assertThat(es.version()).isEqualTo("8.11.1");
        assertThat(es.info()).isEqualTo("cluster lab");
        assertThat(es.cpes()).containsExactly("cpe:/a:elastic:elasticsearch:8.11.1");
        ServiceMatch secured = tcp("GetRequest", "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic "
                + "realm=\"security\" charset=\"UTF-8\"\r\ncontent-type: application/json\r\n\r\n{\"error\":{\""
                + "root_cause\":[{\"type\":\"security_exception\",\"reason\":\"missing authentication credentials "
                + "for REST request [/]\"}]},\"status\":401}");
        assertThat(secured.product()).isEqualTo("Elasticsearch REST API");
        assertThat(secured.info()).isEqualTo("missing authentication credentials");
    }

    @Test
    void dockerAndKubernetes() {
        ServiceMatch docker = tcp("GetRequest", "HTTP/1.1 404 Not Found\r\nApi-Version: 1.43\r\n"
                + "Content-Type: application/json\r\nDocker-Experimental: false\r\nOstype: linux\r\n"
                + "Server: Docker/24.0.7 (linux)\r\nDate: Sun, 22 Nov 2026 16:00:00 GMT\r\n\r\n"
                + "{\"message\":\"page not found\"}\n");
        assertThat(docker.service()).isEqualTo("docker");
        assertThat(docker.version()).isEqualTo("24.0.7");
        assertThat(docker.info()).isEqualTo("API 1.43");
        assertThat(docker.os()).isEqualTo("linux");
        ServiceMatch dockerVersion = tcp("ApiVersion", "HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nServer: "
                + "Docker/24.0.7 (linux)\r\n\r\n{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Version\":"
                + "\"24.0.7\",\"ApiVersion\":\"1.43\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\",\"Arch\":"
                + "\"amd64\",\"KernelVersion\":\"6.1.0-13-amd64\"}\n");
        assertThat(dockerVersion.info()).isEqualTo("API 1.43, kernel 6.1.0-13-amd64");
        ServiceMatch forbidden = tcp("GetRequest", "HTTP/1.1 403 Forbidden\r\nAudit-Id: 1\r\nContent-Type: "
                + "application/json\r\nX-Kubernetes-Pf-Flowschema-Uid: 2\r\n\r\n{\"kind\":\"Status\",\"apiVersion\""
                + ":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"forbidden: User \\\"system:"
                + "anonymous\\\" cannot get path \\\"/\\\"\",\"reason\":\"Forbidden\",\"details\":{},\"code\":403}");
        assertThat(forbidden.product()).isEqualTo("Kubernetes API server");
        assertThat(forbidden.info()).isEqualTo("HTTP 403");
        String version = "{\n  \"major\": \"1\",\n  \"minor\": \"28\",\n  \"gitVersion\": \"v1.28.3\",\n"
                + "  \"gitCommit\": \"a8a1abc\",\n  \"goVersion\": \"go1.20.10\",\n  \"platform\": \"linux/amd64\"\n}";
        ServiceMatch k8s = tcp("ApiVersion", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + version);
        assertThat(k8s.product()).isEqualTo("Kubernetes API server");
        assertThat(k8s.version()).isEqualTo("1.28.3");
        assertThat(k8s.os()).isEqualTo("linux");
        assertThat(k8s.cpes()).containsExactly("cpe:/a:kubernetes:kubernetes:1.28.3");
        ServiceMatch k3s = tcp("ApiVersion", "HTTP/1.1 200 OK\r\n\r\n" + version.replace("v1.28.3", "v1.28.3+k3s2"));
        assertThat(k3s.version()).isEqualTo("1.28.3");
        assertThat(k3s.info()).isEqualTo("k3s");
    }

    @Test
    void redisAndMemcached() {
        String info = "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n"
                + "os:Linux 6.1.0-13-amd64 x86_64\r\narch_bits:64\r\n";
        ServiceMatch redis = tcp("RedisInfo", "$" + info.length() + "\r\n" + info + "\r\n");
        assertThat(redis).isEqualTo(new ServiceMatch("redis", false, false, "Redis key-value store", "7.0.15",
                "standalone mode", "", "Linux", "", List.of("cpe:/a:redis:redis:7.0.15"), "RedisInfo",
                redis.signature()));
        ServiceMatch locked = tcp("RedisInfo", "-NOAUTH Authentication required.\r\n");
        assertThat(locked.product()).isEqualTo("Redis key-value store");
        assertThat(locked.info()).isEqualTo("authentication required");
        ServiceMatch memcached = tcp("MemcachedVersion", "VERSION 1.6.18\r\n");
        assertThat(memcached.product()).isEqualTo("Memcached");
        assertThat(memcached.version()).isEqualTo("1.6.18");
        assertThat(tcp("MemcachedVersion", "-ERR unknown command 'version', with args beginning with: \r\n")
                .service()).isEqualTo("redis");
        ServiceMatch udp = udp("MemcachedVersionUdp", cat(b("\\0\\x01\\0\\0\\0\\x01\\0\\0"),
                ascii("VERSION 1.6.18\r\n")));
        assertThat(udp.version()).isEqualTo("1.6.18");
    }

    @Test
    void postgresql() {
        byte[] trusted = cat(b("R\\0\\0\\0\\x08\\0\\0\\0\\0"), b("S\\0\\0\\0\\x19"), ascii("client_encoding"),
                b("\\0"), ascii("UTF8"), b("\\0S\\0\\0\\0\\x36"), ascii("server_version"), b("\\0"),
                ascii("16.1 (Debian 16.1-1.pgdg120+1)"), b("\\0"));
        ServiceMatch pg = tcp("PostgresStartup", trusted);
        assertThat(pg.product()).isEqualTo("PostgreSQL DB");
        assertThat(pg.version()).isEqualTo("16.1");
        assertThat(pg.info()).isEqualTo("Debian 16.1-1.pgdg120+1");
        assertThat(pg.cpes()).containsExactly("cpe:/a:postgresql:postgresql:16.1");
        ServiceMatch scram = tcp("PostgresStartup", cat(b("R\\0\\0\\0\\x17\\0\\0\\0\\x0a"),
                ascii("SCRAM-SHA-256"), b("\\0\\0")));
        assertThat(scram.info()).isEqualTo("SCRAM-SHA-256 authentication");
        byte[] error = cat(b("E\\0\\0\\0\\x6a"), ascii("SFATAL"), b("\\0"), ascii("VFATAL"), b("\\0"),
                ascii("C28000"), b("\\0"), ascii("Mrole \"portolan\" does not exist"), b("\\0"),
                ascii("Fmiscinit.c"), b("\\0\\0"));
        ServiceMatch denied = tcp("PostgresStartup", error);
        assertThat(denied.service()).isEqualTo("postgresql");
        assertThat(denied.info()).isEqualTo("error 28000: role \"portolan\" does not exist");
    }

    @Test
    void mongodb() {
        // BSON {version: "7.0.4", ok: 1.0} inside an OP_MSG answering request id "TROP".
        byte[] doc = cat(b("\\x02"), ascii("version"), b("\\0\\x06\\0\\0\\0"), ascii("7.0.4"), b("\\0"),
                b("\\x01"), ascii("ok"), b("\\0\\0\\0\\0\\0\\0\\0\\xf0\\x3f"), b("\\0"));
        byte[] bson = cat(le(doc.length + 4), doc);
        byte[] body = cat(le(0), b("\\0"), bson);
        byte[] msg = cat(le(16 + body.length), le(77), ascii("TROP"), le(2013), body);
        ServiceMatch m = tcp("MongoBuildInfo", msg);
        assertThat(m.service()).isEqualTo("mongodb");
        assertThat(m.version()).isEqualTo("7.0.4");
        assertThat(m.cpes()).containsExactly("cpe:/a:mongodb:mongodb:7.0.4");
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Test
    void rdp() {
        ServiceMatch nla = tcp("RdpNegotiation", b("\\x03\\0\\0\\x13\\x0e\\xd0\\0\\0\\x12\\x34\\0\\x02\\x1f\\x08\\0"
                + "\\x08\\0\\0\\0"));
        assertThat(nla.service()).isEqualTo("ms-wbt-server");
        assertThat(nla.info()).isEqualTo("CredSSP with early user authorization (HYBRID_EX)");
        ServiceMatch failure = tcp("RdpNegotiation", b("\\x03\\0\\0\\x13\\x0e\\xd0\\0\\0\\x12\\x34\\0\\x03\\0\\x08\\0"
                + "\\x05\\0\\0\\0"));
        assertThat(failure.info()).isEqualTo("negotiation failure 5");
    }

    /** A DNS answer to the version.bind query with {@code text} as the TXT string. */
    private static byte[] versionBind(String text) {
        return cat(b("PT\\x84\\x00\\0\\x01\\0\\x01\\0\\0\\0\\0\\x07version\\x04bind\\0\\0\\x10\\0\\x03"),
                b("\\xc0\\x0c\\0\\x10\\0\\x03\\0\\0\\0\\0\\0"), new byte[] {(byte) (text.length() + 1),
                        (byte) text.length()}, ascii(text));
    }

    @Test
    void dns() {
        ServiceMatch dnsmasq = udp("DnsVersionBind", versionBind("dnsmasq-2.89"));
        assertThat(dnsmasq.service()).isEqualTo("domain");
        assertThat(dnsmasq.product()).isEqualTo("dnsmasq");
        assertThat(dnsmasq.version()).isEqualTo("2.89");
        ServiceMatch bind = udp("DnsVersionBind", versionBind("9.18.19-1~deb12u1-Debian"));
        assertThat(bind.product()).isEqualTo("ISC BIND");
        assertThat(bind.version()).isEqualTo("9.18.19");
        assertThat(bind.info()).isEqualTo("1~deb12u1-Debian");
        byte[] tcp = versionBind("unbound 1.17.1");
        ServiceMatch unbound = tcp("DnsVersionBindTcp", cat(new byte[] {0, (byte) tcp.length}, tcp));
        assertThat(unbound.product()).isEqualTo("Unbound");
        assertThat(unbound.version()).isEqualTo("1.17.1");
        ServiceMatch refused = udp("DnsVersionBind", b("PT\\x81\\x05\\0\\x01\\0\\0\\0\\0\\0\\0\\x07version\\x04bind"
                + "\\0\\0\\x10\\0\\x03"));
        assertThat(refused.service()).isEqualTo("domain");
        assertThat(refused.product()).isEmpty();
    }

    @Test
    void snmp() {
        String descr = "Linux lab-target 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64";
        byte[] varbind = cat(b("\\x06\\x08\\x2b\\x06\\x01\\x02\\x01\\x01\\x01\\x00\\x04"),
                new byte[] {(byte) descr.length()}, ascii(descr));
        byte[] vb = cat(new byte[] {0x30, (byte) varbind.length}, varbind);
        byte[] list = cat(new byte[] {0x30, (byte) vb.length}, vb);
        byte[] pduBody = cat(b("\\x02\\x04PRTL\\x02\\x01\\0\\x02\\x01\\0"), list);
        byte[] pdu = cat(new byte[] {(byte) 0xa2, (byte) pduBody.length}, pduBody);
        byte[] msgBody = cat(b("\\x02\\x01\\x01\\x04\\x06public"), pdu);
        byte[] msg = cat(new byte[] {0x30, (byte) 0x81, (byte) msgBody.length}, msgBody);
        ServiceMatch m = udp("SnmpSysDescr", msg);
        assertThat(m.service()).isEqualTo("snmp");
        assertThat(m.hostname()).isEqualTo("lab-target");
        assertThat(m.os()).isEqualTo("Linux");
        assertThat(m.info()).isEqualTo("community public, Linux 6.1.0-13-amd64");
    }

    @Test
    void ntp() {
        byte[] reply = new byte[48];
        reply[0] = 0x24;
        reply[1] = 2;
        ServiceMatch m = udp("NtpClient", reply);
        assertThat(m.service()).isEqualTo("ntp");
        assertThat(m.info()).isEqualTo("NTPv4, stratum 2");
        byte[] readvar = cat(b("\\x16\\x82\\0\\x01\\0\\0\\0\\0\\0\\0\\0\\x60"), ascii("version=\"ntpd "
                + "4.2.8p15@1.3728-o "
                + "Wed Sep 23 11:46:38 UTC 2020 (1)\", processor=\"x86_64\", system=\"Linux/6.1.0-13-amd64\""));
        ServiceMatch ntpd = udp("NtpReadvar", readvar);
        assertThat(ntpd.product()).isEqualTo("ntpd");
        assertThat(ntpd.version()).isEqualTo("4.2.8p15");
        assertThat(ntpd.os()).isEqualTo("Linux");
        assertThat(match(Protocol.UDP, "NtpClient", new byte[12])).isEmpty();
    }

    @Test
    void ldapSmbAmqpMqtt() {
        ServiceMatch ldap = tcp("LdapBind", b("0\\x0c\\x02\\x01\\x01a\\x07\\x0a\\x01\\0\\x04\\0\\x04\\0"));
        assertThat(ldap.service()).isEqualTo("ldap");
        assertThat(ldap.info()).isEqualTo("anonymous bind allowed");
        assertThat(tcp("LdapBind", b("0\\x84\\0\\0\\0\\x10\\x02\\x01\\x01a\\x84\\0\\0\\0\\x07\\x0a\\x01\\x31\\x04\\0"
                + "\\x04\\0")).info()).isEqualTo("bind result 49");

        byte[] smb2 = new byte[4 + 64 + 8];
        System.arraycopy(b("\\xfeSMB@\\0"), 0, smb2, 4, 6);
        System.arraycopy(b("A\\0\\x01\\0\\xff\\x02"), 0, smb2, 68, 6);
        smb2[3] = (byte) (smb2.length - 4);
        ServiceMatch smb = tcp("SmbNegotiate", smb2);
        assertThat(smb.service()).isEqualTo("microsoft-ds");
        assertThat(smb.info()).isEqualTo("SMB 2.1 or later");

        byte[] table = cat(b("\\x08platformS\\0\\0\\0\\x11"), ascii("Erlang/OTP 25.3.2"),
                b("\\x07productS\\0\\0\\0\\x08"), ascii("RabbitMQ"), b("\\x07versionS\\0\\0\\0\\x06"),
                ascii("3.12.1"));
        byte[] args = cat(b("\\0\\x0a\\0\\x0a\\0\\x09"), new byte[] {0, 0, 0, (byte) table.length}, table,
                b("\\0\\0\\0\\x05PLAIN\\0\\0\\0\\x05en_US"));
        byte[] frame = cat(b("\\x01\\0\\0"), new byte[] {0, 0, 0, (byte) args.length}, args, b("\\xce"));
        ServiceMatch amqp = tcp("AmqpHeader", frame);
        assertThat(amqp.product()).isEqualTo("RabbitMQ");
        assertThat(amqp.version()).isEqualTo("3.12.1");
        assertThat(amqp.info()).isEqualTo("AMQP 0-9-1, Erlang/OTP 25.3.2");
        assertThat(tcp("AmqpHeader", b("AMQP\\0\\x01\\0\\0")).info()).isEqualTo("AMQP 1.0");

        assertThat(tcp("MqttConnect", b("\\x20\\x02\\0\\0")).info())
                .isEqualTo("connection accepted without credentials");
        assertThat(tcp("MqttConnect", b("\\x20\\x02\\0\\x05")).info()).isEqualTo("not authorized");
    }

    @Test
    void everyProbeOfTheOwnSetSendsWhatItsProtocolExpects() {
        assertThat(OWN.probe(Protocol.TCP, "NULL").orElseThrow().payloadLength()).isZero();
        assertThat(new String(OWN.probe(Protocol.TCP, "GetRequest").orElseThrow().payload(),
                StandardCharsets.ISO_8859_1)).isEqualTo("GET / HTTP/1.0\r\n\r\n");
        byte[] hello = OWN.probe(Protocol.TCP, "TLSClientHello").orElseThrow().payload();
        assertThat(((hello[3] & 0xff) << 8 | hello[4] & 0xff) + 5).as("TLS record length").isEqualTo(hello.length);
        assertThat((hello[6] & 0xff) << 16 | (hello[7] & 0xff) << 8 | hello[8] & 0xff).isEqualTo(hello.length - 9);
        byte[] pg = OWN.probe(Protocol.TCP, "PostgresStartup").orElseThrow().payload();
        assertThat(ByteBuffer.wrap(pg).getInt()).isEqualTo(pg.length);
        byte[] mongo = OWN.probe(Protocol.TCP, "MongoBuildInfo").orElseThrow().payload();
        assertThat(ByteBuffer.wrap(mongo).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(mongo.length);
        byte[] smb = OWN.probe(Protocol.TCP, "SmbNegotiate").orElseThrow().payload();
        assertThat(ByteBuffer.wrap(smb).getInt()).isEqualTo(smb.length - 4);
        byte[] dns = OWN.probe(Protocol.TCP, "DnsVersionBindTcp").orElseThrow().payload();
        assertThat(ByteBuffer.wrap(dns).getShort()).isEqualTo((short) (dns.length - 2));
        byte[] snmp = OWN.probe(Protocol.UDP, "SnmpSysDescr").orElseThrow().payload();
        assertThat(snmp[1] & 0xff).isEqualTo(snmp.length - 2);
        byte[] mqtt = OWN.probe(Protocol.TCP, "MqttConnect").orElseThrow().payload();
        assertThat(mqtt[1] & 0xff).isEqualTo(mqtt.length - 2);
        byte[] rdp = OWN.probe(Protocol.TCP, "RdpNegotiation").orElseThrow().payload();
        assertThat(rdp[3] & 0xff).isEqualTo(rdp.length);
        assertThat(OWN.probe(Protocol.UDP, "NtpClient").orElseThrow().payloadLength()).isEqualTo(48);
    }
}
