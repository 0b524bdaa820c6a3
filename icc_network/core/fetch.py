"""Fetching a document from another site without letting that site reach inside ours.

An address typed by a user (another city's feed) must not turn the server into a
way to read the city's own network: the host is resolved once, every address it
resolves to is checked (private, loopback, link-local and other reserved ranges
are refused unless the exact address was allowed), the connection goes to the
checked address and its peer is checked again. The body is read in chunks up to
a cap, the whole exchange has a deadline, and a redirect is followed only on the
same host. Everything that goes wrong becomes a :class:`FetchRefused` with a code
the caller can record and show; no other exception leaves :func:`fetch`.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

USER_AGENT = "icc_network feed reader"
CHUNK = 64 * 1024
PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 10.0  # seconds, for connecting and for the whole answer
    max_redirects: int = 3


class FetchRefused(Exception):
    """Why a document was not fetched: a short code, and what it concerned (an address...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def fetch(url: str, *, allowed_addresses: Collection[str] = (),
          limits: Limits = Limits()) -> bytes:
    """The body of a 200 answer to GET ``url``, or :class:`FetchRefused`."""
    deadline = time.monotonic() + limits.timeout
    allowed = {_normalised(a) for a in allowed_addresses if a}
    origin = urlsplit(url)
    for _ in range(limits.max_redirects + 1):
        location = _get(url, allowed, limits, deadline)
        if isinstance(location, bytes):
            return location
        target = urlsplit(urljoin(url, location))
        if not _same_host(origin, target):
            raise FetchRefused("redirect_elsewhere", target.hostname or "")
        url = target.geturl()
    raise FetchRefused("too_many_redirects", str(limits.max_redirects))


def _same_host(origin, target) -> bool:
    """Same host and port; the only change of scheme allowed is from http up to https."""
    if target.hostname != origin.hostname or target.scheme not in PORTS:
        return False
    try:
        port = target.port or PORTS[target.scheme]
    except ValueError:
        return False
    if target.scheme == origin.scheme:
        return port == (origin.port or PORTS[origin.scheme])
    return (origin.scheme, target.scheme) == ("http", "https") and port == PORTS["https"]


def _get(url: str, allowed: set[str], limits: Limits, deadline: float) -> bytes | str:
    """One request: the body, or the Location of a redirect."""
    parts = urlsplit(url)
    if parts.scheme not in PORTS or not parts.hostname:
        raise FetchRefused("bad_address", url[:200])
    try:
        port = parts.port or PORTS[parts.scheme]
    except ValueError as error:
        raise FetchRefused("bad_address", url[:200]) from error
    connection = sock = None
    try:
        sock = _connect(parts.hostname, port, allowed, _left(deadline))
        if parts.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
            connection = http.client.HTTPSConnection(parts.hostname, port, timeout=_left(deadline))
        else:
            connection = http.client.HTTPConnection(parts.hostname, port, timeout=_left(deadline))
        # Already connected, to the address checked: the connection must not resolve again.
        connection.sock = sock
        path = parts.path or "/"
        connection.request("GET", f"{path}?{parts.query}" if parts.query else path, headers={
            "User-Agent": USER_AGENT, "Accept": "application/ld+json, application/json"})
        response = connection.getresponse()
        if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
            return response.getheader("Location", "")
        if response.status != 200:
            raise FetchRefused("http_status", str(response.status))
        return _body(response, limits.max_bytes, deadline)
    except FetchRefused:
        raise
    except TimeoutError as error:
        raise FetchRefused("timeout", f"{limits.timeout:g}") from error
    except ssl.SSLError as error:
        raise FetchRefused("tls", str(error)[:200]) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchRefused("connection", str(error)[:200]) from error
    finally:
        if connection is not None:
            connection.close()
        elif sock is not None:
            sock.close()


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _connect(host: str, port: int, allowed: set[str], timeout: float) -> socket.socket:
    """A socket connected to one of the host's addresses, every one of them checked first."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused("unknown_host", host) from error
    addresses = []
    for family, _type, proto, _name, sockaddr in infos:
        _check(sockaddr[0], allowed)
        addresses.append((family, proto, sockaddr))
    last_error: OSError | None = None
    for family, proto, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            _check(sock.getpeername()[0], allowed)
            return sock
        except FetchRefused:
            sock.close()
            raise
        except OSError as error:
            sock.close()
            last_error = error
    raise last_error or FetchRefused("unknown_host", host)


def _normalised(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return address.strip()


def _check(address: str, allowed: set[str]) -> None:
    """Refuse an address that is not on the public internet, unless it was allowed exactly."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if str(ip) in allowed:
        return
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local:
        raise FetchRefused("private_address", str(ip))


def _body(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused("too_large", str(max_bytes))
    chunks, size = [], 0
    while chunk := response.read(min(CHUNK, max_bytes + 1 - size)):
        _left(deadline)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefused("too_large", str(max_bytes))
    return b"".join(chunks)
