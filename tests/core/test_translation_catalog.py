"""The model catalog: what `bayan models catalog` shows, recorded checksums, the default model."""
from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main as bayan
from reader.translation import catalog
from reader.translation.catalog import CatalogError, load_catalog

RELEASE = Path(__file__).parent.parent / "data" / "opus-mt-ar-en-tiny.zip"


def test_catalog_lists_the_three_models_with_licence_size_and_quality():
    entries = {m.id: m for m in load_catalog().models}
    assert set(entries) == {"argos-translate-ar_en-1.0", "opus-mt-ar-en", "opus-mt-tc-big-ar-en"}
    assert {m.tier for m in entries.values()} == {"compact", "balanced", "best"}
    for entry in entries.values():
        assert entry.urls and all(u.startswith("https://") for u in entry.urls)
        assert entry.license.attribution and entry.license.source and entry.quality
        assert entry.download_size or entry.installed_size_mb
        # A checksum is either the publisher's (64 hex digits) or none at all: never made up.
        assert entry.sha256 is None or len(entry.sha256) == 64
    assert entries["opus-mt-ar-en"].license.id == entries["opus-mt-tc-big-ar-en"].license.id == "CC-BY-4.0"
    flores = {k: next(q.bleu for q in m.quality if q.test_set.startswith("FLORES")) for k, m in entries.items()}
    assert flores["opus-mt-tc-big-ar-en"] > flores["opus-mt-ar-en"] > flores["argos-translate-ar_en-1.0"]


def test_every_quality_figure_names_its_test_set_and_source():
    """A figure is either a publisher's, with the page it is on, or measured here by bench.quality."""
    for entry in load_catalog().models:
        for q in entry.quality:
            assert q.test_set and q.source and (q.bleu is not None or q.chrf is not None)
            assert q.basis in ("published", "measured here")
            if q.basis == "published":
                assert q.url and q.url.startswith("https://")
            else:
                assert "bench.quality" in q.source
            assert q.chrf is None or 1 < q.chrf <= 100  # one scale for every model
    argos = load_catalog().get("argos-translate-ar_en-1.0")
    # Argos publishes no scores: the figure shown is the one reproduced here, and says so.
    assert argos.headline().startswith("not published") and "measured here" in argos.headline()
    assert load_catalog().get("opus-mt-ar-en").headline() == "BLEU 33.9, chrF 61.0 (FLORES-101 devtest, published)"


def test_cli_catalog_json_lines_show_installed_and_default(capsys, tiny_model):
    assert bayan(["models", "catalog", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 3 and not any(r["installed"] for r in records)
    assert all({"download_size", "installed_size_mb", "license", "quality", "default", "sha256"} <= set(r)
               for r in records)
    assert bayan(["models", "catalog"]) == 0
    text = capsys.readouterr().out
    assert "CC-BY-4.0" in text and "not installed" in text and "BLEU 42.6, chrF 67.0 (FLORES-101 devtest" in text
    assert "OPUS-MT-leaderboard" in text and "measured here" in text


def test_default_model_is_the_users_choice(tiny_model, tiny_marian, capsys):
    from reader.translation.service import default_service

    first = catalog.default_model().name  # nothing chosen: the first installed
    other = ({tiny_model.name, tiny_marian.name} - {first}).pop()
    assert bayan(["models", "default", other]) == 0
    assert catalog.default_model().name == other
    assert default_service(terminology=None).model.name == other
    assert bayan(["models", "default", "nonesuch"]) == 2
    assert "No installed model" in capsys.readouterr().err


def test_broken_catalog_file_is_one_sentence(tmp_path):
    bad = tmp_path / "catalog.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog(bad)
    with pytest.raises(CatalogError, match="no model"):
        load_catalog().get("nonesuch")


class _Server:
    def __init__(self, payload: bytes):
        self.payload = payload
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(len(server.payload)))
                self.end_headers()
                self.wfile.write(server.payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/{RELEASE.name}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def served_release(monkeypatch):
    server = _Server(RELEASE.read_bytes())
    real = load_catalog()
    entry = real.get("opus-mt-ar-en")
    fake = type(real)(tuple(type(entry)(**{**entry.__dict__, "urls": (server.url,), "release": RELEASE.name})
                            if m.id == entry.id else m for m in real.models), real.default)
    monkeypatch.setattr(catalog, "load_catalog", lambda path=None: fake)
    yield server
    server.httpd.shutdown()


def test_download_from_catalog_records_the_checksum_and_checks_it_next_time(served_release, capsys):
    from reader.translation.packages import installed_models

    assert bayan(["models", "download", "opus-mt-ar-en"]) == 0
    assert [m.name for m in installed_models()] == ["opus-mt-ar-en"]
    digest = hashlib.sha256(RELEASE.read_bytes()).hexdigest()
    assert catalog.recorded_sha256("opus-mt-ar-en") == digest
    assert digest in capsys.readouterr().out
    record = next(r for r in catalog.rows() if r["id"] == "opus-mt-ar-en")
    assert record["installed"] and record["sha256"] == digest and record["sha256_recorded_here"]
    served_release.payload = served_release.payload[:-10] + b"0123456789"  # the file changed upstream
    assert bayan(["models", "download", "opus-mt-ar-en"]) == 2
    assert "corrupt" in capsys.readouterr().err
