"""Downloads stop at the size the index states and leave nothing behind on error."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.cli import main as bayan
from reader.translation import download as dl


@pytest.fixture
def server() -> Iterator[dict]:
    """A local server: /big sends far more than announced, /index.json lists it."""
    state: dict = {"index": []}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            if self.path == "/index.json":
                body = json.dumps(state["index"]).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path.startswith("/big"):
                self.send_response(200)
                self.end_headers()  # no Content-Length: the client must count
                try:
                    for _ in range(400):
                        self.wfile.write(bytes(64 << 10))
                except OSError:
                    pass  # the client stopped reading: what we want
            else:
                self.send_error(404)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state["url"] = f"http://127.0.0.1:{httpd.server_port}"
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_a_server_sending_more_than_the_index_size_is_stopped(server, tmp_path):
    dest = tmp_path / "m.argosmodel"
    with pytest.raises(dl.DownloadError, match="more than the 1,000 bytes the index states"):
        dl.download(server["url"] + "/big", dest, size=1000)
    assert list(tmp_path.iterdir()) == []  # no .part, no file


def test_a_link_ending_in_dotdot_gets_a_name_chosen_by_bayan(server, isolated_profile, capsys):
    server["index"] = [{"from_code": "ar", "to_code": "en", "code": "../../evil", "size": 1000,
                        "links": [server["url"] + "/missing/.."]}]
    package = dl.fetch_index(server["url"] + "/index.json")[0]
    assert package.filename == "translate-ar_en.argosmodel"
    assert bayan(["models", "download", "--index", server["url"] + "/index.json"]) == 2
    assert "answered 404" in capsys.readouterr().err
    assert list((isolated_profile / "downloads").iterdir()) == []


def test_an_index_of_the_wrong_shape_is_a_sentence(server):
    server["index"] = [1, "x", {"from_code": "ar", "to_code": "en", "links": [{"a": 1}, "javascript:x"]}]
    with pytest.raises(dl.DownloadError, match="lists no Arabic"):
        dl.fetch_index(server["url"] + "/index.json")


def test_a_full_disk_while_downloading_keeps_nothing(server, tmp_path, monkeypatch):
    real_open = open

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:10])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(dl, "open", lambda *a, **k: Full(real_open(*a, **k)), raising=False)
    with pytest.raises(dl.DownloadError, match="No space left.*nothing was kept"):
        dl.download(server["url"] + "/big", tmp_path / "m.argosmodel", size=10 << 20)
    assert list(tmp_path.iterdir()) == []
