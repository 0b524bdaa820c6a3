"""Static files under versioned names, precompressed and cached for a year.

``url_for('core.static', filename='css/app.css')`` gives
``/static/core/css/app.<hash>.css``: the hash is the file's content, so a
browser keeps it for a year (``immutable``) and a deploy that changes the file
changes its address. ``scripts/build_assets.py`` writes at install time, for
every static file, its versioned copy with a gzip and a brotli version and the
manifest that lists them; the static views then send the smallest version the
browser accepts, with ``Vary: Accept-Encoding``.

A file that changed since the build (a stylesheet being edited) gets its hash
from its content, read once per change, and is served as it is: an address
never points at stale content. An address with a hash that is no longer the
file's goes to the current one; an unknown file is a 404.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, abort, current_app, redirect, request, send_file, url_for
from flask.sansio.scaffold import Scaffold

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DIST_DIR = PACKAGE_DIR / "static_dist"
MANIFEST = "manifest.json"
HASH_LENGTH = 12
VERSIONED = re.compile(rf"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)$")
CACHE_FOREVER = "public, max-age=31536000, immutable"
# Encodings the build writes, best first, with the suffix of their files.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
COMPRESSIBLE = {".css", ".js", ".mjs", ".svg", ".json", ".map", ".txt", ".html", ".xml"}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def versioned_name(filename: str, digest: str) -> str:
    """``css/app.css`` -> ``css/app.<digest>.css`` (a name without suffix gets ``.<digest>``)."""
    head, dot, suffix = filename.rpartition(".")
    if not dot or "/" in suffix:
        return f"{filename}.{digest}"
    return f"{head}.{digest}.{suffix}"


def split_versioned(filename: str) -> tuple[str, str] | None:
    """``css/app.<digest>.css`` -> (``css/app.css``, digest); None for a plain name."""
    match = VERSIONED.match(filename)
    if match is None:
        return None
    return match["stem"] + match["suffix"], match["hash"]


def static_sections(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    """Where each static endpoint's files are, by the build's convention: the app's
    ``static/`` is ``static``, an area's ``<area>/static/`` is its blueprint's."""
    sections = {"static": package_dir / "static"}
    for folder in sorted(package_dir.glob("*/static")):
        if folder.is_dir() and (folder.parent / "__init__.py").exists():
            sections[folder.parent.name] = folder
    return sections


@dataclass
class AssetIndex:
    """The manifest of one build, checked against the files it was built from."""

    dist: Path
    built: dict[str, dict[str, dict]] = field(default_factory=dict)
    _live: dict[tuple, str] = field(default_factory=dict)

    @classmethod
    def load(cls, dist: Path) -> AssetIndex:
        try:
            built = json.loads((dist / MANIFEST).read_text("utf-8"))["files"]
        except (OSError, ValueError, KeyError):
            built = {}
        return cls(dist=dist, built=built)

    def current_hash(self, section: str, folder: str | None, filename: str) -> str | None:
        """The hash of the file as it is now, or None when there is no such file."""
        if folder is None or ".." in filename.split("/"):
            return None
        source = Path(folder) / filename
        try:
            stat = source.stat()
        except OSError:
            return None
        if not source.is_file():
            return None
        entry = self.built.get(section, {}).get(filename)
        if entry and entry["size"] == stat.st_size and entry["mtime_ns"] == stat.st_mtime_ns:
            return entry["hash"]
        key = (str(source), stat.st_size, stat.st_mtime_ns)
        digest = self._live.get(key)
        if digest is None:
            digest = self._live[key] = content_hash(source.read_bytes())
        return digest

    def built_file(self, section: str, filename: str, digest: str) -> Path | None:
        entry = self.built.get(section, {}).get(filename)
        if not entry or entry["hash"] != digest:
            return None
        return self.dist / section / versioned_name(filename, digest)


def _section(endpoint: str) -> str:
    return "static" if endpoint == "static" else endpoint.rsplit(".", 1)[0]


def _scaffold(app: Flask, section: str) -> Scaffold | None:
    return app if section == "static" else app.blueprints.get(section)


def _index() -> AssetIndex:
    return current_app.extensions["icc_assets"]


def add_version(endpoint: str, values: dict) -> None:
    """url_for's hook: a static file's address carries its content's hash."""
    if endpoint != "static" and not endpoint.endswith(".static"):
        return
    filename = values.get("filename")
    if not filename or split_versioned(filename):
        return
    section = _section(endpoint)
    scaffold = _scaffold(current_app, section)
    digest = _index().current_hash(section, scaffold and scaffold.static_folder, filename)
    if digest:
        values["filename"] = versioned_name(filename, digest)


def _accepted(path: Path) -> tuple[Path, str | None]:
    """The smallest version of ``path`` that the browser accepts, and its encoding."""
    if path.suffix not in COMPRESSIBLE:
        return path, None
    for encoding, suffix in ENCODINGS:
        candidate = path.with_name(path.name + suffix)
        if request.accept_encodings[encoding] and candidate.is_file():
            return candidate, encoding
    return path, None


def serve(endpoint: str):
    """The view behind a static endpoint."""
    section = _section(endpoint)

    def view(filename: str):
        scaffold = _scaffold(current_app, section)
        split = split_versioned(filename)
        if split is None:
            return scaffold.send_static_file(filename)
        logical, digest = split
        current = _index().current_hash(section, scaffold.static_folder, logical)
        if current is None:
            abort(404)
        if current != digest:
            response = redirect(url_for(endpoint, filename=logical), code=302)
            response.headers["Cache-Control"] = "no-cache"
            return response
        path = _index().built_file(section, logical, digest) or Path(scaffold.static_folder) / logical
        chosen, encoding = _accepted(path)
        mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
        response = send_file(chosen, mimetype=mimetype, download_name=Path(filename).name,
                             conditional=True, etag=f"{digest}-{encoding or 'identity'}",
                             max_age=31536000)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.headers["Cache-Control"] = CACHE_FOREVER
        response.vary.add("Accept-Encoding")
        return response

    return view


def is_static(endpoint: str | None) -> bool:
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def init_app(app: Flask) -> None:
    """After the blueprints are registered: versioned addresses and their views."""
    app.extensions["icc_assets"] = AssetIndex.load(Path(app.config.get("ASSETS_DIST", DIST_DIR)))
    app.url_defaults(add_version)
    for endpoint in list(app.view_functions):
        if is_static(endpoint):
            app.view_functions[endpoint] = serve(endpoint)
