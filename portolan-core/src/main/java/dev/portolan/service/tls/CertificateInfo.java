package dev.portolan.service.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What a scan report says about one certificate of a server's chain.
 *
 * @param subject the subject's distinguished name (RFC 2253)
 * @param issuer the issuer's distinguished name (RFC 2253)
 * @param subjectAltNames the DNS names and IP addresses it is valid for, as "DNS:lab.example" / "IP:198.51.100.2"
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyType "RSA", "EC", "EdDSA", …
 * @param keyBits the key size in bits (0 when the JDK cannot tell)
 * @param signatureAlgorithm how the issuer signed it ("SHA256withRSA")
 * @param selfSigned whether subject and issuer are the same and the key verifies its own signature
 * @param sha256 the SHA-256 fingerprint of the DER encoding, lower-case hex
 */
public record CertificateInfo(String subject, String issuer, List<String> subjectAltNames, Instant notBefore,
                              Instant notAfter, String keyType, int keyBits, String signatureAlgorithm,
                              boolean selfSigned, String sha256) {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static CertificateInfo of(X509Certificate c) {
        return new CertificateInfo(c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253), altNames(c), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), c.getPublicKey().getAlgorithm(), keyBits(c.getPublicKey()),
                c.getSigAlgName(), selfSigned(c), fingerprint(c));
    }

    /** The subject's common name, if it has one. */
    public Optional<String> commonName() {
        try {
            for (Rdn rdn : new LdapName(subject).getRdns().reversed()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // a subject the JDK wrote itself always parses; a strange one simply has no CN to show
        }
        return Optional.empty();
    }

    /** Whole days from {@code now} until it expires; negative once expired. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    private static List<String> altNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> entry : names) {
                    int type = (Integer) entry.get(0);
                    if (type == SAN_DNS) {
                        out.add("DNS:" + entry.get(1));
                    } else if (type == SAN_IP) {
                        out.add("IP:" + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a malformed extension is reported as no names rather than failing the whole inspection
        }
        return out;
    }

    private static int keyBits(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            case ECPublicKey ec -> ec.getParams().getOrder().bitLength();
            default -> switch (key.getAlgorithm()) {
                case "Ed25519", "X25519" -> 255;
                case "Ed448", "X448" -> 448;
                default -> 0;
            };
        };
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (Exception e) {
            // same names but another key signed it: issued by a CA that shares the name
            return false;
        }
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
    }
}
