package dev.portolan.lab.services;

import java.util.List;
import java.util.Optional;

/**
 * How a scanner's answer for one port compares with the truth.
 *
 * @param truth what runs there
 * @param observed what the scanner reported (empty when it listed no such port)
 * @param named the service name (and TLS tunnel) is right; for a hostile service nothing names, no product claimed
 * @param versioned the reported version contains the true upstream version; for a service with no version, none
 *     reported
 */
public record ServiceGrade(ServiceTruth truth, Optional<ObservedService> observed, boolean named, boolean versioned) {
    /** One grade per truth record, in its order, matching ports by number and protocol. */
    public static List<ServiceGrade> grade(List<ServiceTruth> truth, List<ObservedService> observed) {
        return truth.stream().map(t -> of(t, observed.stream()
                .filter(o -> o.port() == t.port() && o.protocol() == t.protocol()).findFirst())).toList();
    }

    static ServiceGrade of(ServiceTruth t, Optional<ObservedService> seen) {
        if (seen.isEmpty()) {
            return new ServiceGrade(t, seen, false, false);
        }
        ObservedService o = seen.get();
        boolean named = t.service().isEmpty()
                ? o.product().isEmpty()
                : o.name().equals(t.service()) && o.tunnel().equals("ssl") == t.tls();
        boolean versioned = t.version().isEmpty() ? o.version().isEmpty() : o.version().contains(t.version());
        return new ServiceGrade(t, seen, named, versioned);
    }
}
