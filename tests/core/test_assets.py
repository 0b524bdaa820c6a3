"""Static files: versioned names, precompressed copies, a year in the browser's cache, and a
Bootstrap built with every component the templates use."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from flask import url_for

from icc_network.core.assets import (
    CACHE_FOREVER,
    DIST_DIR,
    MANIFEST,
    AssetIndex,
    split_versioned,
    versioned_name,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "icc_network"
BASE = PACKAGE / "core" / "templates" / "base.html"
APP_CSS = PACKAGE / "core" / "static" / "css" / "app.css"
VERSIONED_APP_CSS = re.compile(r'href="(/static/core/css/app\.[0-9a-f]{12}\.css)"')
URL_FOR_STATIC = re.compile(r"url_for\('([\w.]*static)', filename='([^']+)'\)")


def _manifest() -> dict:
    return json.loads((DIST_DIR / MANIFEST).read_text("utf-8"))["files"]


def _app_css_address(client) -> str:
    match = VERSIONED_APP_CSS.search(client.get("/login").get_data(as_text=True))
    assert match, "the layout links app.css under a versioned name"
    return match.group(1)


def test_a_page_links_its_style_sheet_under_the_hash_of_its_content(client):
    address = _app_css_address(client)
    logical, digest = split_versioned(address.removeprefix("/static/core/"))
    assert logical == "css/app.css"
    assert digest == _manifest()["core"]["css/app.css"]["hash"]


@pytest.mark.parametrize(("accepted", "encoding"), [
    ("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)])
def test_a_static_file_comes_compressed_as_the_browser_asks_and_is_kept_a_year(
        client, accepted, encoding):
    response = client.get(_app_css_address(client), headers={"Accept-Encoding": accepted})
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == CACHE_FOREVER
    body = response.get_data()
    if encoding == "gzip":
        body = gzip.decompress(body)
    if encoding != "br":
        assert body == APP_CSS.read_bytes()
    else:
        assert len(body) < APP_CSS.stat().st_size


def test_a_signed_in_users_static_files_are_cached_too(client):
    # Pages of a signed-in user are never stored; style sheets and scripts hold no personal data.
    address = _app_css_address(client)
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    response = client.get(address)
    assert response.headers["Cache-Control"] == CACHE_FOREVER


def test_every_asset_of_the_layout_is_in_the_manifest(app, client):
    manifest = _manifest()
    references = URL_FOR_STATIC.findall(BASE.read_text("utf-8"))
    assert {"vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
            "css/app.css", "js/app.js"} <= {filename for _, filename in references}
    page = client.get("/login").get_data(as_text=True)
    for endpoint, filename in references:
        section = "static" if endpoint == "static" else endpoint.split(".")[0]
        digest = manifest[section][filename]["hash"]
        with app.test_request_context():
            address = url_for(endpoint, filename=filename)
        assert address.endswith(versioned_name(filename, digest))
        assert address in page
        assert client.get(address, headers={"Accept-Encoding": "gzip"}).status_code == 200


def test_an_outdated_hash_goes_to_the_current_file_and_an_unknown_file_is_not_found(client):
    current = _app_css_address(client)
    response = client.get("/static/core/css/app.0123456789ab.css")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(current)
    assert response.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/core/css/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/core/css/nothing.css").status_code == 404


def test_a_file_edited_after_the_build_is_served_as_it_is_now(tmp_path):
    from scripts.build_assets import build_dist

    folder = tmp_path / "static"
    (folder / "css").mkdir(parents=True)
    sheet = folder / "css" / "site.css"
    sheet.write_text("body { color: #222; }\n" * 50)
    dist = tmp_path / "dist"
    build_dist(dist, {"site": folder})
    index = AssetIndex.load(dist)
    built = index.current_hash("site", str(folder), "css/site.css")
    target = index.built_file("site", "css/site.css", built)
    assert target.read_bytes() == sheet.read_bytes()
    assert gzip.decompress(target.with_name(target.name + ".gz").read_bytes()) == sheet.read_bytes()
    assert target.with_name(target.name + ".br").stat().st_size < sheet.stat().st_size

    sheet.write_text("body { color: #111; }\n")
    edited = index.current_hash("site", str(folder), "css/site.css")
    assert edited != built
    assert index.built_file("site", "css/site.css", edited) is None
    assert index.current_hash("site", str(folder), "css/../../secret") is None


def _classes(css: str) -> set[str]:
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", css))


def _classes_in_templates_and_scripts() -> set[str]:
    used: set[str] = set()
    for path in PACKAGE.rglob("*"):
        if path.suffix not in {".html", ".js", ".py"} or "vendor" in path.parts:
            continue
        text = path.read_text("utf-8")
        for value in re.findall(r"""class(?:Name)?=(?:"([^"]*)"|'([^']*)')""", text):
            plain = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", " ".join(value))
            used |= {word for word in plain.split() if re.fullmatch(r"[a-z][a-z0-9-]*[a-z0-9]", word)}
    return used


def test_bootstrap_is_built_with_every_component_the_templates_use():
    full = _classes((ROOT / "node_modules/bootstrap/dist/css/bootstrap.css").read_text("utf-8"))
    built_css = (PACKAGE / "static/vendor/bootstrap/bootstrap.min.css").read_text("utf-8")
    missing = (_classes_in_templates_and_scripts() & full) - _classes(built_css)
    assert not missing, f"add their components to core/scss/bootstrap.scss: {sorted(missing)}"
    full_min = ROOT / "node_modules/bootstrap/dist/css/bootstrap.min.css"
    assert len(built_css) < full_min.stat().st_size, "components no page uses are left out"
