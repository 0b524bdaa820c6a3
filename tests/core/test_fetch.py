"""core.fetch: another site's document, without letting it reach the city's own network."""

from __future__ import annotations

import pytest

from icc_network.core.fetch import FetchRefused, Limits, fetch

from ..webserver import local_server, redirect, slow, unsized

LOOPBACK = ["127.0.0.1"]
FAST = Limits(max_bytes=1000, timeout=2.0)


def _refused(url: str, *, allowed=(), limits: Limits = FAST) -> FetchRefused:
    with pytest.raises(FetchRefused) as caught:
        fetch(url, allowed_addresses=allowed, limits=limits)
    return caught.value


def test_an_allowed_address_is_fetched():
    with local_server({"/feed": b'{"ok": true}'}) as server:
        assert fetch(server.url("/feed"), allowed_addresses=LOOPBACK, limits=FAST) == b'{"ok": true}'


def test_private_loopback_and_link_local_addresses_are_refused_unless_allowed_exactly():
    with local_server({"/feed": b"{}"}) as server:
        refusal = _refused(server.url("/feed"))
        assert (refusal.code, refusal.detail) == ("private_address", "127.0.0.1")
        assert _refused(server.url("/feed"), allowed=["127.0.0.2"]).code == "private_address"
        assert server.requests == []  # refused before connecting
    for url in ("http://10.1.2.3/feed", "http://192.168.1.1/feed", "http://169.254.169.254/",
                "http://[::1]/feed", "http://[fe80::1]/feed", "http://[fd00::5]/feed",
                "http://[::ffff:127.0.0.1]/feed", "http://0.0.0.0/feed", "http://100.64.0.1/"):
        assert _refused(url).code == "private_address", url


def test_a_redirect_to_another_host_is_refused_and_one_on_the_same_host_followed():
    routes = {"/feed": b"{}"}
    with local_server(routes) as server:
        routes["/away"] = redirect(server.url("/feed").replace("127.0.0.1", "localhost"))
        routes["/elsewhere"] = redirect("https://feeds.example.org/feed")
        routes["/here"] = redirect("/feed", 301)
        routes["/loop"] = redirect("/loop")
        assert _refused(server.url("/away"), allowed=LOOPBACK).code == "redirect_elsewhere"
        assert _refused(server.url("/elsewhere"), allowed=LOOPBACK).detail == "feeds.example.org"
        assert fetch(server.url("/here"), allowed_addresses=LOOPBACK, limits=FAST) == b"{}"
        assert _refused(server.url("/loop"), allowed=LOOPBACK).code == "too_many_redirects"
        assert "/away" in server.requests and server.requests.count("/feed") == 1


def test_an_oversize_body_is_refused_whether_or_not_its_size_is_declared():
    with local_server({"/big": b"x" * 1001, "/unsized": unsized(b"x" * 5000),
                       "/fits": unsized(b"x" * 1000)}) as server:
        assert _refused(server.url("/big"), allowed=LOOPBACK).code == "too_large"
        assert _refused(server.url("/unsized"), allowed=LOOPBACK).code == "too_large"
        assert len(fetch(server.url("/fits"), allowed_addresses=LOOPBACK, limits=FAST)) == 1000


def test_a_slow_server_times_out():
    with local_server({"/slow": slow(1.0)}) as server:
        refusal = _refused(server.url("/slow"), allowed=LOOPBACK,
                           limits=Limits(max_bytes=1000, timeout=0.2))
        assert refusal.code == "timeout"


def test_errors_and_odd_addresses_become_refusals():
    with local_server({}) as server:
        refusal = _refused(server.url("/missing"), allowed=LOOPBACK)
        assert (refusal.code, refusal.detail) == ("http_status", "404")
    for url in ("ftp://127.0.0.1/feed", "file:///etc/passwd", "http:///feed", "http://x:99999/"):
        assert _refused(url).code == "bad_address", url
    assert _refused("http://unknown-host.invalid/feed").code in ("unknown_host", "connection")


def test_every_address_of_a_host_is_checked_before_connecting(monkeypatch):
    import socket

    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
               (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fe80::1%2", 80, 0, 2))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    connected = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: connected.append(address))
    refusal = _refused("http://feeds.example.org/feed")
    assert (refusal.code, refusal.detail) == ("private_address", "fe80::1")
    assert connected == []


def test_the_connected_peer_is_checked_too(monkeypatch):
    """A resolver answering one address while the connection lands on another is refused."""
    import socket

    with local_server({"/feed": b"{}"}) as server:
        port = server.server.server_address[1]
        answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
        monkeypatch.setattr(socket.socket, "getpeername", lambda self: ("10.9.8.7", port))
        refusal = _refused(f"http://feeds.example.org:{port}/feed", allowed=LOOPBACK)
        assert (refusal.code, refusal.detail) == ("private_address", "10.9.8.7")
        assert server.requests == []
