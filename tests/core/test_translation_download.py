"""Downloading a model from a local HTTP server: progress, cancel, resume, checksum, install."""
from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main as bayan
from reader.translation import download as dl
from reader.translation.packages import installed_models

TINY = Path(__file__).parent.parent / "data" / "translate-ar_en-tiny.argosmodel"
PAYLOAD = TINY.read_bytes()
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class Server:
    """127.0.0.1 server with Range support that can drop the connection after N bytes."""

    def __init__(self):
        self.cut_after: int | None = None
        self.ranges: list[str | None] = []
        self.index: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path == "/index.json":
                    body = json.dumps(server.index).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                rng = self.headers.get("Range")
                server.ranges.append(rng)
                start = int(rng.split("=")[1].split("-")[0]) if rng else 0
                body = PAYLOAD[start:]
                self.send_response(206 if rng else 200)
                if rng:
                    self.send_header("Content-Range", f"bytes {start}-{len(PAYLOAD) - 1}/{len(PAYLOAD)}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.cut_after is not None:
                    body = body[: server.cut_after]
                    server.cut_after = None
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def test_download_reports_byte_progress_and_verifies_checksum(server, tmp_path):
    seen = []
    out = dl.download(f"{server.url}/m.argosmodel", tmp_path / "m.argosmodel",
                      progress=lambda done, total: seen.append((done, total)), sha256=SHA, timeout=5)
    assert out.read_bytes() == PAYLOAD
    assert seen[0] == (0, len(PAYLOAD)) and seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert len(seen) > 3 and not (tmp_path / "m.argosmodel.part").exists()


def test_interrupted_download_resumes_with_range(server, tmp_path):
    dest = tmp_path / "m.argosmodel"
    server.cut_after = 100_000
    with pytest.raises(dl.DownloadError, match="interrupted after 100,000 of .* try again to resume"):
        dl.download(f"{server.url}/m.argosmodel", dest, sha256=SHA, timeout=5)
    assert (tmp_path / "m.argosmodel.part").stat().st_size == 100_000
    dl.download(f"{server.url}/m.argosmodel", dest, sha256=SHA, timeout=5)
    assert server.ranges == [None, "bytes=100000-"]
    assert dest.read_bytes() == PAYLOAD


def test_cancel_keeps_the_part_file_for_later(server, tmp_path):
    dest = tmp_path / "m.argosmodel"
    progress = []
    with pytest.raises(dl.DownloadCancelled, match="kept so it can resume"):
        dl.download(f"{server.url}/m.argosmodel", dest, progress=lambda d, t: progress.append(d),
                    cancel=lambda: len(progress) > 3, timeout=5)
    part = tmp_path / "m.argosmodel.part"
    assert 0 < part.stat().st_size < len(PAYLOAD) and not dest.exists()


def test_checksum_mismatch_deletes_the_file(server, tmp_path):
    with pytest.raises(dl.DownloadError, match="corrupt"):
        dl.download(f"{server.url}/m.argosmodel", tmp_path / "m.argosmodel", sha256="0" * 64, timeout=5)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_server_gives_a_clear_error(tmp_path, server):
    url = server.url
    server.close()
    with pytest.raises(dl.DownloadError, match="Download failed"):
        dl.download(f"{url}/m.argosmodel", tmp_path / "m.argosmodel", timeout=2)


def test_cli_download_installs_from_the_index(server, monkeypatch, capsys):
    server.index = [
        {"code": "translate-en_fr", "from_code": "en", "to_code": "fr", "links": [f"{server.url}/fr"]},
        {"code": "translate-ar_en", "from_code": "ar", "to_code": "en", "package_version": "0.1",
         "links": [f"{server.url}/translate-ar_en-tiny.argosmodel"], "sha256": SHA},
    ]
    assert [p.code for p in dl.fetch_index(f"{server.url}/index.json")] == ["translate-ar_en"]
    assert bayan(["models", "download", "--index", f"{server.url}/index.json"]) == 0
    assert "Installed translate-ar_en-tiny" in capsys.readouterr().out
    assert [m.name for m in installed_models()] == ["translate-ar_en-tiny"]
    assert not any(dl.downloads_dir().iterdir())  # the archive is not kept once installed
