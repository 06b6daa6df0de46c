"""Reading text in the encodings translators receive, and refusing what is not text."""
from __future__ import annotations

import pytest

from reader.textfile import UnreadableFile, read_text

ARABIC = "أصدر البيان التالي وزير الخارجية حول الاجتماع المتعلق بداعش.\nوعقدنا هذا الصباح اجتماعًا.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_arabic_in_every_supported_encoding_reads_back_exactly(tmp_path, encoding):
    path = tmp_path / f"statement-{encoding}.txt"
    path.write_bytes(ARABIC.encode(encoding))
    assert read_text(path).text == ARABIC


def test_cp1256_is_reported_as_such(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    assert read_text(path).encoding == "cp1256"


@pytest.mark.parametrize("data,needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
])
def test_bad_files_get_a_clear_message(tmp_path, data, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableFile, match=needle):
        read_text(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFile, match="not found"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(UnreadableFile, match="folder"):
        read_text(tmp_path)
