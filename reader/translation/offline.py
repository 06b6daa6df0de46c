"""Network failures said in words, with the way round them (installing from a file)."""
from __future__ import annotations

import re

# What the operating system says when there is no network, or the server cannot be reached.
_OFFLINE = re.compile(r"Name or service not known|Temporary failure in name resolution|"
                      r"nodename nor servname|No address associated with hostname|getaddrinfo failed|"
                      r"Network is unreachable|No route to host|Connection refused|timed out|"
                      r"Connection reset|\[Errno -?\d+\]", re.IGNORECASE)

OFFLINE_MESSAGE = ("The model could not be downloaded: this computer cannot reach the Argos model "
                   "server (it looks offline). To install without a network, copy the .argosmodel file "
                   "from another computer and choose Install from File….")


def in_words(message: str) -> str:
    """``message`` itself, or one plain sentence when it is a network failure."""
    return OFFLINE_MESSAGE if _OFFLINE.search(message or "") else message
