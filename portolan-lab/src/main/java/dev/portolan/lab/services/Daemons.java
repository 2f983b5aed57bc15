package dev.portolan.lab.services;

import java.util.List;

/** Every daemon the lab can run, to declare on a {@link dev.portolan.lab.LabHost}. */
public final class Daemons {
    public static final Daemon OPENSSH = new OpenSsh();
    public static final Daemon NGINX = new Nginx();
    public static final Daemon VSFTPD = new Vsftpd();
    public static final Daemon EXIM = new Exim();
    public static final Daemon DOVECOT = new Dovecot();
    public static final Daemon REDIS = new Redis();
    public static final Daemon POSTGRESQL = Postgres.installed();
    public static final Daemon MARIADB = new MariaDb();
    public static final Daemon MEMCACHED = new Memcached();
    public static final Daemon DNSMASQ = new Dnsmasq();
    public static final Daemon SNMPD = new Snmpd();
    public static final Daemon CHRONY = new Chrony();

    /** The lab's own NetBIOS name service: answers node status with {@link #NETBIOS_NAME} and its table. */
    public static final Daemon NETBIOS = new NetbiosService();
    public static final String NETBIOS_NAME = NetbiosService.NAMES[0][0];
    public static final String NETBIOS_WORKGROUP = NetbiosService.NAMES[1][0];
    public static final String NETBIOS_USER = NetbiosService.NAMES[3][0];
    public static final String NETBIOS_UNIT_ID = NetbiosService.UNIT_ID;

    public static final Daemon DRIP = new HostileService(Behaviour.DRIP);
    public static final Daemon ENDLESS = new HostileService(Behaviour.ENDLESS);
    public static final Daemon TLS_GARBAGE = new HostileService(Behaviour.TLS_GARBAGE);
    public static final Daemon TCPWRAPPED = new HostileService(Behaviour.TCPWRAPPED);
    public static final Daemon SILENT = new HostileService(Behaviour.SILENT);

    /** The real services from Debian packages, for service and version detection (-sV). */
    public static final List<Daemon> TCP_SERVICES = List.of(OPENSSH, NGINX, VSFTPD, EXIM, DOVECOT, REDIS, POSTGRESQL,
            MARIADB, MEMCACHED);
    /** The real services that answer over UDP (memcached serves both). */
    public static final List<Daemon> UDP_SERVICES = List.of(DNSMASQ, SNMPD, CHRONY, MEMCACHED);
    /** The hostile services, each on its own port. */
    public static final List<Daemon> HOSTILE = List.of(DRIP, ENDLESS, TLS_GARBAGE, TCPWRAPPED, SILENT);
    /** Every daemon, each once: all of them fit on one host at their default ports. */
    public static final List<Daemon> ALL = List.of(OPENSSH, NGINX, VSFTPD, EXIM, DOVECOT, REDIS, POSTGRESQL,
            MARIADB, MEMCACHED, DNSMASQ, SNMPD, CHRONY, DRIP, ENDLESS, TLS_GARBAGE, TCPWRAPPED, SILENT);

    /** The reverse name the lab's dnsmasq gives a target's IPv4 address (targets 0 and 1 have one), else null. */
    public static String dnsmasqPtr(String ipv4) {
        return Dnsmasq.PTR_RECORDS.get(ipv4);
    }

    /** The community snmpd answers to. */
    public static final String SNMP_COMMUNITY = Snmpd.COMMUNITY;

    private Daemons() {
    }

    /** The daemon named {@code name} ("nginx"). */
    public static Daemon named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lab daemon named '" + name + "', expected one of "
                        + ALL.stream().map(Daemon::name).toList()));
    }
}
