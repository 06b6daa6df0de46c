"""Word bridge: links between the words of an Arabic segment and the English that renders it.

`words` tokenises both sides (the offsets every link, the gold set and the CLI use); `links`
holds the `Link` type and the conversions between character spans and word pairs. `model`
reads links from a translation model's attention over the displayed English, `combine` lets
them fill only the lexical links' gaps, and `senses` orders a word's dictionary senses by the
English linked to it.
"""
