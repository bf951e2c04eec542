"""The words: every human-language string of the figures, the stepper, the widgets, the
exercises and the training messages, one table per language (ja.py, en.py).

    >>> label("apple")
    'リンゴ'
    >>> label("apple", "en")
    'apple'
    >>> label("rule.mul.forward", expr="100 × 2", out="200")
    '乗算ノード: 100 × 2 = 200'

Math (x, ∂L/∂x, W, X · W) is written in the code, not here: it reads the same in
every language.
"""
import string

from common.labels import en, ja

LANGS = ("ja", "en")
LABELS = {"ja": ja.LABELS, "en": en.LABELS}


class LabelledError(ValueError):
    """A ValueError whose message is a label, so that a widget can say it in its language.

    str(error) is the English text (as every error message of the project);
    error.text(lang) is the same in `lang`.
    """

    def __init__(self, key, **fields):
        super().__init__(label(key, "en", **fields))
        self.key, self.fields = key, fields

    def text(self, lang="ja"):
        return label(self.key, lang, **self.fields)


def check_lang(lang):
    """Raise a ValueError naming the languages there are, unless lang is one of them."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGS))}, got {lang!r}")


def label(key, lang="ja", **fields):
    """The text for `key` in `lang`, with {fields} filled in."""
    check_lang(lang)
    try:
        text = LABELS[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} for lang={lang!r}; add it to the table "
                       f"common/labels/{lang}.py") from None
    return text.format(**fields) if fields else text


def fields(key, lang="ja"):
    """The names of the {fields} that label(key, lang) fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(label(key, lang)) if name}
