from escape_probe import attempt as _attempt
import socket as _socket


for _host, _port in (("1.1.1.1", 443), ("169.254.169.254", 80), ("172.17.0.1", 2375),
                     ("10.0.0.1", 22)):
    _attempt("tcp %s:%d" % (_host, _port),
         lambda: _socket.create_connection((_host, _port), timeout=2).close())
_attempt("dns pypi.org", lambda: _socket.getaddrinfo("pypi.org", 443))
_attempt("udp 8.8.8.8:53",
     lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM).sendto(b"x", ("8.8.8.8", 53)))
