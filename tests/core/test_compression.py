"""Pages and JSON go out compressed as the browser asks; static files and downloads are not
compressed twice."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest

DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}
# The sign-in form's token changes with every page: the rest must be the same.
TOKEN = re.compile(rb'value="[^"]{40,}"|content="[^"]{40,}"')


def _page(client, accepted: str):
    return client.get("/login", headers={"Accept-Encoding": accepted})


@pytest.mark.parametrize(("accepted", "encoding"), [
    ("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0.5, gzip", "gzip"), ("", None),
    ("identity", None), ("deflate", None)])
def test_a_page_comes_compressed_as_the_browser_asks(client, accepted, encoding):
    plain = _page(client, "")
    response = _page(client, accepted)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    body = DECODERS[encoding](response.get_data())
    assert TOKEN.sub(b"", body) == TOKEN.sub(b"", plain.get_data())
    assert int(response.headers["Content-Length"]) == len(response.get_data())
    if encoding:
        assert len(response.get_data()) < len(body) / 2


def test_a_small_answer_goes_out_as_it_is(client):
    response = client.get("/healthz", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]


def test_a_precompressed_static_file_is_not_compressed_again(client):
    address = re.search(r'href="(/static/core/css/app\.[0-9a-f]{12}\.css)"',
                        client.get("/login").get_data(as_text=True)).group(1)
    response = client.get(address, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert b"body" in brotli.decompress(response.get_data())  # one decoding gives the sheet


def test_a_file_sent_as_a_stream_is_not_compressed(client):
    # A static file under its plain name is sent as a file stream, as downloads are: it keeps
    # its length and its byte ranges.
    response = client.get("/static/core/css/app.css", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.headers.get("Accept-Ranges") == "bytes"
    response.close()
