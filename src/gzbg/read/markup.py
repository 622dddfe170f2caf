"""Markup that is not report text, blanked one character for one so offsets stay the same.

Scraped and converted reports carry YAML front matter, Markdown (``## 一、…``, ``**…**``, image
links, footnote marks), HTML comments holding photo captions, ``<br>`` tags, ``&nbsp;`` entities,
and — in spreadsheet exports — the literal characters ``\\r\\n`` written where a line broke. None of
it may give a row or a heading; line-breaking markup becomes a line break so that structure
(headings at the start of a line, paragraphs) reads as the author meant.
"""

from __future__ import annotations

import functools
import re

__all__ = ["blank_markup", "front_matter"]

# A front-matter block must close within this many characters of the start; a lone '---' line
# further down is a Markdown rule, not metadata.
_FRONT_MATTER_MAX = 4000
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$", re.M)

# Markup that becomes spaces: heading marks at a line start, emphasis runs, HTML comments, images,
# footnote marks, horizontal rules and non-breaking space entities. Each alternative with the
# strings one of which any match of it holds: blank_markup leaves out the alternatives a text
# cannot match (most reports hold only ** and ---), which changes no match, as an alternative
# that fails everywhere is passed over everywhere, and spares trying each at every character.
# Every alternative opens with a literal character, so that the regex engine skips to the
# characters a match can start with instead of trying each alternative at every character (four
# times faster over a report): a line start (^) is the first character followed by a look-behind
# that no other character of the line stands before it, and (?<=\S)__ is _(?<=\S_)_. The same
# matches as ^[ \t]*#{1,6}(?=[ \t]), \*{2,3}|__(?=\S)|(?<=\S)__ and ^[ \t]*(?:-{3,}|\*{3,})[ \t]*$.
_SPACE_ALTERNATIVES = (
    (  # ## 一、…
        r" (?<![^\n] )[ \t]*#{1,6}(?=[ \t])|\t(?<![^\n]\t)[ \t]*#{1,6}(?=[ \t])|#(?<![^\n]#)#{0,5}(?=[ \t])",
        ("#",),
    ),
    (r"\*\*\*?|__(?=\S)|_(?<=\S_)_", ("**", "__")),  # **bold** ***both*** __bold__
    (r"<!--.*?-->", ("<!--",)),  # <!-- 来源：… -->
    (r"!\[[^\]\n]*\]\([^)\n]*\)", ("![",)),  # ![](./W0203.gif)
    (r"\[\^?[0-9]{1,2}\]:?", ("[",)),  # [^1], and a bulletin's note marks 国内生产总值[2]
    (r"&(?:nbsp|ensp|emsp|thinsp);", ("&",)),
    (  # a rule between parts
        r" (?<![^\n] )[ \t]*(?:-{3,}|\*{3,})[ \t]*$|\t(?<![^\n]\t)[ \t]*(?:-{3,}|\*{3,})[ \t]*$"
        r"|-(?<![^\n]-)-{2,}[ \t]*$|\*(?<![^\n]\*)\*{2,}[ \t]*$",
        ("---", "***"),
    ),
)
# Markup that ends a line: <br>, and the literal two-character escapes of a line break (\r\n, \n,
# \r, tried in that order). Each alternative opens with a literal character, as above: written
# (?:\\r)?\\n|\\r, the optional opening had the engine try the pattern at every character, and
# the substitution took five times as long over the corpus's texts holding a backslash or a tag.
_BREAKS = re.compile(r"<br\s*/?>|\\(?:r\\n|n|r)", re.I)


def _blank(match: re.Match[str]) -> str:
    # Keep the real line breaks inside a blanked span (a multi-line comment) so line numbers hold.
    return re.sub(r"[^\n]", " ", match.group(0))


def _break(match: re.Match[str]) -> str:
    return " " * (len(match.group(0)) - 1) + "\n"


def front_matter(text: str) -> tuple[int, dict[str, str]]:
    """The end offset of a leading YAML front-matter block and its simple ``key: value`` fields
    (0 and {} when there is none)."""
    m = _FRONT_MATTER.match(text[:_FRONT_MATTER_MAX])
    if not m:
        return 0, {}
    fields = {k.lower(): v.strip().strip("'\"") for k, v in _FIELD.findall(m.group(1))}
    return m.end(), fields


def blank_markup(text: str) -> str:
    """``text`` of the same length with markup replaced by spaces or line breaks."""
    end, _ = front_matter(text)
    if end:
        text = re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    if "\\" in text or "<" in text:  # a tag or an escaped break (\n) is all _BREAKS reads
        text = _BREAKS.sub(_break, text)
    present = tuple(k for k, (_, holds) in enumerate(_SPACE_ALTERNATIVES) if any(h in text for h in holds))
    return _spaces(present).sub(_blank, text) if present else text


@functools.lru_cache(maxsize=None)
def _spaces(alternatives: tuple[int, ...]) -> re.Pattern[str]:
    """The pattern of the markup that becomes spaces, of the _SPACE_ALTERNATIVES at these indices."""
    return re.compile("|".join(_SPACE_ALTERNATIVES[k][0] for k in alternatives), re.M | re.S)
