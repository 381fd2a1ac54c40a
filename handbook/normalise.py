"""Text normalisation for comparing wording.

Trainers type the same sentence with full-width or half-width punctuation,
with or without spaces; NFKC folds the full-width forms and dropping every
non-word character removes punctuation and Markdown marks, so
「你去问XX部门吧！」 and 「你去问 XX 部门吧!」 compare equal.
"""
from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()
