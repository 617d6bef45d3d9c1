"""Text normalisation for comparing the edition with the PDF's text layer."""
from __future__ import annotations

import re
import unicodedata

# Cyrillic letters that look like Latin ones; the PDF hid one ("siсh") inside a Latin word.
CYRILLIC_LOOKALIKES = str.maketrans("асеорхуіјѕАВСЕНІЈКМОРТХЅ", "aceopxyijsABCEHIJKMOPTXS")


def is_mixed_script(word: str) -> bool:
    scripts = {unicodedata.name(char, "").split()[0] for char in word if char.isalpha()}
    return {"LATIN", "CYRILLIC"} <= scripts


def mend_mixed_script(text: str) -> str:
    """Replace look-alike Cyrillic letters in words that are otherwise Latin."""
    return re.sub(r"\w+", lambda m: m.group().translate(CYRILLIC_LOOKALIKES)
                  if is_mixed_script(m.group()) else m.group(), text)


def comparable(text: str) -> str:
    """Letters and digits only, case-folded (ß → ss): hyphenation, spacing and case no longer count.

    A Markdown footnote reference keeps its number, so a marker must stand where the author put it.
    """
    text = re.sub(r"\[\^(\d+)\]", r"\1", mend_mixed_script(text))
    return re.sub(r"[\W_]", "", text.casefold())
