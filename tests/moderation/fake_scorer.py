"""A stand-in for the classifier: scores by the words it is told about."""

from __future__ import annotations


class FakeScorer:
    """Scores by words: each listed word adds its scores; sentences score on their own."""

    def __init__(self, words: dict[str, dict[str, float]]) -> None:
        self.words = words
        self.calls: list[str] = []

    def score(self, text: str) -> dict[str, float]:
        self.calls.append(text)
        scores = {
            "toxicity": 0.01,
            "insult": 0.01,
            "profanity": 0.01,
            "identity_attack": 0.01,
            "threat": 0.01,
        }
        lowered = text.lower()
        for word, labels in self.words.items():
            if word in lowered:
                for label, p in labels.items():
                    scores[label] = max(scores[label], p)
        return scores


class FakeBatchScorer:
    """Speaks the classifier's interface: score_batch, Scores with spans, its own thresholds."""

    name = "fake"

    def __init__(self, thresholds: dict[str, float], word: str, label: str, p: float) -> None:
        self.thresholds = thresholds
        self.word, self.label, self.p = word, label, p

    def score_batch(self, texts: list[str]):
        from civility.classifier.scoring import Scores, Span

        results = []
        for text in texts:
            probs = dict.fromkeys(self.thresholds, 0.01)
            spans = {}
            at = text.lower().find(self.word)
            if at >= 0:
                probs[self.label] = self.p
                spans[self.label] = (Span(at, at + len(self.word), 1.0),)
            results.append(Scores(probs, spans, self.name))
        return results
