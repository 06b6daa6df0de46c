"""A bilingual side-by-side HTML page: English left, Arabic right (right-to-left)."""
from __future__ import annotations

from html import escape

from reader.arabic import is_arabic
from reader.exchange.model import BilingualDocument
from reader.states import STATUSES, SegmentStatus
from reader.theme_colours import LIGHT

# Fonts a reader is likely to have, best Arabic typefaces first; the last resort
# is the generic family so that the browser still picks an Arabic-capable font.
ARABIC_FONT_STACK = ('"Amiri", "Noto Naskh Arabic", "Scheherazade New", "Traditional Arabic", '
                     '"Arabic Typesetting", "Geeza Pro", "Noto Sans Arabic", "Tahoma", serif')

CSS = """
body {{ font-family: "Noto Serif", Georgia, "Times New Roman", serif; margin: 2em auto; max-width: 72em;
       color: #222; }}
h1, h2 {{ font-weight: normal; }}
table.bilingual {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
table.bilingual td {{ vertical-align: top; padding: .35em .7em; border-bottom: 1px solid #e4e4e4;
                      width: 50%; }}
td.ar, [lang="ar"] {{ font-family: {arabic_fonts}; font-size: 1.25em; line-height: 1.8;
                      text-align: right; }}
td.en {{ line-height: 1.5; }}
tr.heading td {{ font-weight: bold; padding-top: 1.2em; }}
{status_rules}
@media print {{ body {{ margin: 0; }} tr {{ page-break-inside: avoid; }} }}
"""


def _css(arabic_fonts: str) -> str:
    # The page is white: status bars in the app's light-theme colours, one rule per status.
    muted = f"color: {LIGHT.muted}; font-style: italic; "
    rules = "\n".join(f"td.{status} {{ {muted if status == 'untranslated' else ''}border-left: 3px solid {colour}; }}"
                      for status, colour in LIGHT.status.items())
    return CSS.format(arabic_fonts=arabic_fonts, status_rules=rules)


def write_html(docs: list[BilingualDocument], arabic_fonts: str = ARABIC_FONT_STACK) -> bytes:
    title = docs[0].title if len(docs) == 1 else "Bayan bilingual export"
    parts = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
             f"<title>{escape(title)}</title>", f"<style>{_css(arabic_fonts)}</style>", "</head>", "<body>"]
    for doc in docs:
        parts.append(f'<section id="{escape(doc.doc_id)}">')
        # A file's name for a title ("briefing") is not Arabic: laid out left to right.
        side = 'dir="rtl" lang="ar"' if is_arabic(doc.title) else 'dir="ltr"'
        parts.append(f'<h1 {side}>{escape(doc.title)}</h1>' if doc.title else "")
        parts.append('<table class="bilingual">')
        for u in doc.units:
            english = escape(u.target) if u.target else "(not translated)"
            said = f' title="{escape(SegmentStatus(u.status).description)}"' if u.status in STATUSES else ""
            row_class = ' class="heading"' if u.kind == "heading" else ""
            parts.append(
                f'<tr id="{escape(doc.doc_id)}-{u.index}"{row_class}>'
                f'<td class="en {u.status}"{said} lang="en" dir="ltr">{english}</td>'
                f'<td class="ar" dir="rtl" lang="ar">{escape(u.source)}</td></tr>')
        parts.append("</table></section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(p for p in parts if p).encode("utf-8")
