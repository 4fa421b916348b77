"""Is this text English? A stopword-share test: cheap, no model, good enough to refuse
French, Russian or garbage before spaCy's English pipeline turns it into nonsense."""
from __future__ import annotations

import re

_EN = set(["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not", "he", "i", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her", "she", "there", "been", "one", "all", "we", "their", "has", "its", "had", "will", "would", "who", "said", "more", "also", "after", "when", "than", "after", "into", "over", "new", "about", "says", "could", "them", "some"])
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_score(text: str, sample: int = 20_000) -> float:
    """Share of words that are common English function words (about 0.3-0.5 for English
    prose, under 0.05 for other languages)."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _EN for w in words) / len(words)


# Function words of the other languages most often met in news feeds, minus any that
# are also English words ("in", "a", "die", "was"...): text where one of these
# outnumbers the English function words is not English, whatever its English share.
_NOT_EN = set(["in", "a", "an", "is", "as", "on", "die", "was", "will", "war", "so", "man", "me", "no", "son", "per", "con", "are", "bin", "hat", "also", "over"])
_OTHER = {name: set(words.split()) - _EN - _NOT_EN for name, words in {
    "French": "le la les des du et est une un que qui dans pour pas sur au aux ce cette il elle ont sont "
              "avec par plus ne se mais ou leur lui nous vous été",
    "German": "der die das und ist nicht mit den dem des ein eine zu von sich auf für im sie er wird "
              "werden auch nach wie aus bei oder noch nur einer sind hat",
    "Spanish": "el la los las y es por con para una del se que lo al como más pero sus su fue ha muy "
               "ya entre sin sobre también",
    "Italian": "il lo la gli le e è di che per con una del della dei delle non si sono al più nel nella "
               "ha anche come ma",
    "Dutch": "de het een en van is dat op te zijn met voor niet aan ook als bij er maar om naar dan "
             "nog wel heeft worden wordt",
    "Portuguese": "o os as e é de que em um uma para com não do da dos das se por mais foi ao pelo pela",
}.items()}


def other_language(text: str, sample: int = 20_000) -> tuple[str, float] | None:
    """The other language whose function words outnumber English ones, with its share."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return None
    en = sum(w in _EN for w in words)
    name, hits = max(((n, sum(w in ws for w in words)) for n, ws in _OTHER.items()), key=lambda x: x[1])
    return (name, hits / len(words)) if hits > en else None


def guess_language(text: str, threshold: float = 0.08) -> str:
    return "en" if english_score(text) >= threshold else "und"
