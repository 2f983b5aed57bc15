package dev.portolan.lab.services;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** nginx serving a small page over HTTP and over HTTPS with a self-signed certificate made at setup. */
final class Nginx extends BaseDaemon {
    Nginx() {
        super("nginx", "nginx", "nginx", 80, 443);
    }

    @Override
    public List<Endpoint> endpoints(List<Integer> ports) {
        return List.of(Endpoint.tcp(ports.get(0), "http"),
                new Endpoint(ports.get(1), dev.portolan.target.Protocol.TCP, "http", true));
    }

    @Override
    public List<String> executables() {
        return List.of("/usr/sbin/nginx", "openssl");
    }

    @Override
    public String version() {
        return VersionCommand.read("nginx/(\\S+)", "/usr/sbin/nginx", "-v");
    }

    @Override
    public Launch prepare(DaemonDir dir, List<Integer> ports) throws IOException {
        dir.write("www/index.html", "<!DOCTYPE html>\n<html><head><title>Portolan lab</title></head>"
                + "<body>lab.example</body></html>\n");
        dir.mkdir("www");
        dir.mkdir("tmp");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen %2$d; listen [::]:%2$d;
                        server_name %4$s;
                        root %1$s/www;
                    }
                    server {
                        listen %3$d ssl; listen [::]:%3$d ssl;
                        server_name %4$s;
                        root %1$s/www;
                        ssl_certificate %5$s;
                        ssl_certificate_key %6$s;
                    }
                }
                """.formatted(dir.path(), ports.get(0), ports.get(1), Tls.CERTIFICATE_CN, cert, key);
        Path config = dir.write("nginx.conf", conf);
        // -e before the config is read: nginx would otherwise open the system's error log first; stderr is our log
        return new Launch(List.of(Tls.selfSignedCommand(cert, key)),
                List.of("/usr/sbin/nginx", "-e", "stderr", "-p", dir.path() + "/",
                        "-c", config.toString()), null, java.util.Map.of());
    }
}
