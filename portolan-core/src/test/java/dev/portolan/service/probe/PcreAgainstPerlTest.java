package dev.portolan.service.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pattern of the installed nmap-service-probes, translated, against Perl's engine (the one PCRE imitates) on
 * responses written here: both must agree on match or no match for every pattern and every response. The file
 * uses none of the constructs where Perl and PCRE 8 part ways ({,n} is a quantifier only in Perl 5.34+), and
 * patterns Perl refuses to compile are counted and left out.
 */
class PcreAgainstPerlTest {
    private static final Path PERL = Path.of("/usr/bin/perl");

    /** Responses in the payload escape syntax (\xHH, \r, \n, \0). */
    private static final List<String> SAMPLES = List.of(
            "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\\r\\n", "SSH-1.99-Cisco-1.25\\r\\n", "SSH-2.0-dropbear_2022.83\\r\\n",
            "220 (vsFTPd 3.0.3)\\r\\n", "220 ProFTPD Server (Debian) [::ffff:127.0.0.1]\\r\\n",
            "220-FileZilla Server 1.7.0\\r\\n220 Please visit https://filezilla-project.org/\\r\\n",
            "220 mail.lab.example ESMTP Exim 4.96 Sun, 22 Nov 2026 16:00:00 +0000\\r\\n",
            "220 mx.lab.example ESMTP Postfix (Debian/GNU)\\r\\n",
            "220 smtp.example.com ESMTP Sendmail 8.17.1.9/8.17.1.9/Debian-2; Sun, 22 Nov 2026\\r\\n",
            "+OK Dovecot (Debian) ready.\\r\\n", "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\\r\\n",
            "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot "
                    + "(Debian) ready.\\r\\n",
            "* OK IMAP4 ready\\r\\n",
            "J\\0\\0\\0\\x0a5.5.5-10.11.6-MariaDB-0+deb12u1\\0*\\0\\0\\0abcdefgh\\0\\xff\\xf7-\\x02\\0\\xff\\x81\\x15\\0\\0"
                    + "\\0\\0\\0\\0\\0\\0\\0\\0ijklmnopqrst\\0mysql_native_password\\0",
            "J\\0\\0\\0\\x0a8.0.35\\0*\\0\\0\\0abcdefgh\\0\\xff\\xf7-\\x02\\0\\xff\\x81\\x15\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
                    + "ijklmnopqrst\\0caching_sha2_password\\0",
            "RFB 003.008\\n", "\\xff\\xfd\\x18\\xff\\xfd \\xff\\xfd#\\xff\\xfd'",
            "HTTP/1.1 200 OK\\r\\nDate: Sun, 22 Nov 2026 16:00:00 GMT\\r\\nServer: Apache/2.4.57 (Debian)\\r\\n"
                    + "X-Powered-By: PHP/8.2.7\\r\\nContent-Type: text/html\\r\\n\\r\\n<html><head><title>Lab</title>"
                    + "</head></html>",
            "HTTP/1.1 301 Moved Permanently\\r\\nServer: nginx/1.22.1\\r\\nContent-Type: text/html\\r\\nLocation: "
                    + "https://lab.example/\\r\\n\\r\\n<html><head><title>301 Moved Permanently</title></head></html>\\r\\n",
            "HTTP/1.0 200 OK\\r\\nServer: SimpleHTTP/0.6 Python/3.11.2\\r\\nContent-type: text/html; charset=utf-8\\r\\n"
                    + "\\r\\n<!DOCTYPE HTML>\\n<html>\\n<title>Directory listing for /</title>\\n",
            "HTTP/1.1 200 OK\\r\\nServer: Microsoft-IIS/10.0\\r\\nX-Powered-By: ASP.NET\\r\\n\\r\\n",
            "HTTP/1.1 404 Not Found\\r\\nApi-Version: 1.43\\r\\nContent-Type: application/json\\r\\nServer: Docker/24.0.7 "
                    + "(linux)\\r\\n\\r\\n{\"message\":\"page not found\"}\\n",
            "HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\n\\r\\n{\\n  \"name\" : \"n\",\\n  "
                    + "\"version\" : {\\n    \"number\" : \"8.11.1\"\\n  },\\n  \"tagline\" : \"You Know, "
                    + "for Search\"\\n}\\n",
            "HTTP/1.0 400 Bad Request\\r\\n\\r\\n", "HTTP/1.1 401 Unauthorized\\r\\nWWW-Authenticate: Basic "
                    + "realm=\"router\"\\r\\n\\r\\n",
            "$3000\\r\\n# Server\\r\\nredis_version:7.0.15\\r\\nredis_mode:standalone\\r\\nos:Linux 6.1.0 x86_64\\r\\n",
            "-NOAUTH Authentication required.\\r\\n",
            "-ERR unknown command 'GET', with args beginning with: '/' 'HTTP/1.0' \\r\\n",
            "VERSION 1.6.18\\r\\n", "ERROR\\r\\n",
            "E\\0\\0\\0jSFATAL\\0VFATAL\\0C0A000\\0Munsupported frontend protocol 65363.19778: server supports 3.0 to "
                    + "3.0\\0Fpostmaster.c\\0L2188\\0RProcessStartupPacket\\0\\0",
            "N", "\\x15\\x03\\x01\\0\\x02\\x02(",
            "\\x03\\0\\0\\x13\\x0e\\xd0\\0\\0\\x124\\0\\x02\\x1f\\x08\\0\\x08\\0\\0\\0",
            "\\0\\x06\\x85\\0\\0\\x01\\0\\x01\\0\\0\\0\\0\\x07version\\x04bind\\0\\0\\x10\\0\\x03\\xc0\\x0c\\0\\x10\\0\\x03"
                    + "\\0\\0\\0\\0\\0\\x0d\\x0cdnsmasq-2.89",
            "$\\x02\\0\\xe7\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0",
            "0\\x0c\\x02\\x01\\x01a\\x07\\x0a\\x01\\0\\x04\\0\\x04\\0", "AMQP\\0\\0\\x09\\x01", "\\x20\\x02\\0\\0",
            "220 Welcome\\r\\n", "\\0", "", "\\r\\n", "\\n\\n\\n", "Hello\\xe9\\xc9\\x85\\xa0 world\\0\\x01\\x7f{}[]:",
            "<?xml version=\"1.0\"?><a>b</a>",
            "SIP/2.0 200 OK\\r\\nVia: SIP/2.0/TCP nm;branch=foo\\r\\nServer: Asterisk PBX 18.10.0\\r\\n\\r\\n",
            "RTSP/1.0 200 OK\\r\\nCSeq: 0\\r\\nServer: GStreamer RTSP server\\r\\n\\r\\n", "@RSYNCD: 31.0\\n",
            "\\0\\0\\0\\x01", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ssh-2.0-openssh_7.4\\r\\n",
            // \x85 is a line end to java.util.regex unless UNIX_LINES; to PCRE it is an ordinary byte.
            "220 mail.example ESMTP Exim 4.9\\x85 ready\\r\\n", "SSH-2.0-OpenSSH_8.0 \\x85\\r\\n",
            "HTTP/1.1 200 OK\\r\\nServer: Apache/2.4.1 (Unix\\x85)\\r\\n\\r\\n", "+OK ready\\x85\\r\\n",
            "220 ftp.example FTP server (Version 6.00\\x85) ready.\\r\\n", "* OK \\x85 IMAP4rev1 ready\\r\\n");

    /** Reads patterns and subjects as hex lines; prints a row of 0/1 per pattern, or E when Perl refuses it. */
    private static final String SCRIPT = """
            no warnings;
            open S, $ARGV[1] or die; my @subs = map { chomp; pack("H*", $_) } <S>;
            open P, $ARGV[0] or die; open O, ">", $ARGV[2] or die;
            while (my $l = <P>) {
              chomp $l; my $f = substr($l, 0, 2); my $p = pack("H*", substr($l, 2));
              my $mods = ($f =~ /i/ ? "i" : "") . ($f =~ /s/ ? "s" : "");
              my $re = eval { qr/(?$mods)$p/ };
              if (!$re) { print O "E\\n"; next; }
              my $r = ""; for my $s (@subs) { $r .= ($s =~ $re) ? "1" : "0"; } print O "$r\\n";
            }
            """;

    @Test
    void translatedPatternsMatchWhatPerlMatches(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isReadable(NmapProbes.DEFAULT_PATH), "nmap is not installed");
        Assumptions.assumeTrue(Files.isExecutable(PERL), "perl is not installed");
        List<String> skipped = new ArrayList<>();
        ProbeCatalog catalog = NmapProbes.load(NmapProbes.DEFAULT_PATH, skipped).orElseThrow();
        List<String> subjects = SAMPLES.stream()
                .map(s -> new String(Escapes.unescape(s), StandardCharsets.ISO_8859_1)).toList();
        HexFormat hex = HexFormat.of();
        List<Signature> signatures = catalog.probes().stream().flatMap(p -> p.signatures().stream()).toList();
        StringBuilder patterns = new StringBuilder();
        for (Signature s : signatures) {
            SignaturePattern p = s.pattern();
            patterns.append(p.caseInsensitive() ? 'i' : '-').append(p.dotAll() ? 's' : '-')
                    .append(hex.formatHex(p.source().getBytes(StandardCharsets.ISO_8859_1))).append('\n');
        }
        Files.writeString(dir.resolve("patterns"), patterns);
        Files.write(dir.resolve("subjects"), subjects.stream()
                .map(s -> hex.formatHex(s.getBytes(StandardCharsets.ISO_8859_1))).toList());
        Files.writeString(dir.resolve("check.pl"), SCRIPT);
        Process perl = new ProcessBuilder(PERL.toString(), dir.resolve("check.pl").toString(),
                dir.resolve("patterns").toString(), dir.resolve("subjects").toString(), dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertThat(perl.waitFor(120, TimeUnit.SECONDS)).as("perl finished").isTrue();
        assertThat(perl.exitValue()).as(Files.readString(dir.resolve("log"))).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("out"));
        assertThat(rows).hasSameSizeAs(signatures);

        int refused = 0;
        int positives = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            if (rows.get(i).equals("E")) {
                refused++;
                continue;
            }
            StringBuilder java = new StringBuilder();
            for (String subject : subjects) {
                java.append(signatures.get(i).pattern().find(subject) != null ? '1' : '0');
            }
            positives += (int) java.chars().filter(c -> c == '1').count();
            if (!java.toString().equals(rows.get(i))) {
                disagreements.add(signatures.get(i).origin() + " java " + java + " perl " + rows.get(i));
            }
        }
        System.out.println("PCRE vs Perl: " + (signatures.size() - refused) + " patterns x " + subjects.size()
                + " responses compared, " + positives + " matches, " + disagreements.size() + " disagreements, "
                + refused + " patterns Perl refuses");
        disagreements.forEach(d -> System.out.println("  " + d));
        assertThat(disagreements).isEmpty();
        assertThat(refused).as("patterns Perl refuses (its unescaped-brace rule)").isLessThan(100);
        assertThat(positives).as("the samples do match some patterns").isGreaterThan(50);
    }
}
