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


class MissingFieldsError(KeyError):
    """label(key, ...) called without every {field} of the key's text; the message names them."""

    def __str__(self):
        return str(self.args[0])


def check_lang(lang):
    """Raise a ValueError naming the languages there are, unless lang is one of them."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGS))}, got {lang!r}")


def _template(key, lang):
    check_lang(lang)
    try:
        return LABELS[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} for lang={lang!r}; add it to the table "
                       f"common/labels/{lang}.py") from None


def label(key, lang="ja", **fields):
    """The text for `key` in `lang`, with its {fields} filled in.

    Raises MissingFieldsError (a KeyError) naming the fields not given.
    """
    text = _template(key, lang)
    missing = sorted(_fields(text) - set(fields))
    if missing:
        raise MissingFieldsError(
            f"label {key!r} (lang={lang!r}) needs the fields {', '.join(sorted(_fields(text)))}; "
            f"missing: {', '.join(missing)}; pass them as keywords, e.g. "
            f"label({key!r}, {lang!r}, {missing[0]}=...)")
    return text.format(**fields)


def japanese(char):
    """True for kana and kanji: Japanese text joins them with no space."""
    return "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff"


def spaced(name, lang):
    """`name` as it is set into a sentence of `lang`: in Japanese, with a space on each side
    where it meets the sentence with a Latin letter or a sign ("Affine2" -> " Affine2 ",
    "+ ノード" -> " + ノード", "リンゴの値段" unchanged)."""
    if lang != "ja" or not name:
        return name
    return f"{'' if japanese(name[0]) else ' '}{name}{'' if japanese(name[-1]) else ' '}"


def and_list(items, lang):
    """"a、b、c" in Japanese; "a, b and c" in English."""
    items = list(items)
    if lang == "ja" or len(items) < 2:
        return label("check.joiner", lang).join(items)
    return label("check.joiner", lang).join(items[:-1]) + label("list.and", lang) + items[-1]


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def fields(key, lang="ja"):
    """The names of the {fields} that label(key, lang) fills in."""
    return _fields(_template(key, lang))
