package dev.portolan.target;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Forward name resolution for targets, injected so tests need no DNS. Called from several threads at once. */
@FunctionalInterface
public interface Resolver {

    /** Every address of {@code name}, in the order the resolver prefers; an unknown name throws. */
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** The system resolver (hosts file, then DNS), as {@link InetAddress#getAllByName}. */
    Resolver SYSTEM = name -> List.of(InetAddress.getAllByName(name));
}
