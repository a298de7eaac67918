"""Counts per layer → precision, recall and F1, micro-averaged over articles."""

from __future__ import annotations

from dataclasses import dataclass

# the layers of the report, in the order they are printed
METADATA_LAYERS = (
    "metadata.site",
    "metadata.authors",
    "metadata.published",
    "metadata.language",
    "metadata.title",
    "metadata.url",
)
LAYERS = (
    *METADATA_LAYERS,
    "actors",
    "actor codes",
    "quotes",
    "quote speakers",
    "events (root)",
    "events (full code)",
    "events (status)",
    "events (date)",
)
FORBIDDEN_LAYER = "forbidden events produced"


@dataclass(slots=True)
class Counts:
    """True positives, false positives and misses of one layer; adds up across articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def produced(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        """None when nothing was produced: precision is undefined, not 0 or 1."""
        return self.tp / self.produced if self.produced else None

    @property
    def recall(self) -> float | None:
        """None when the gold has nothing for this layer."""
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """2·TP / (2·TP + FP + FN): 0 when something was expected or produced and nothing matched,
        None only when the layer is empty on both sides."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class ForbiddenCounts:
    """How many forbidden events the gold lists and how many of them the system produced anyway."""

    listed: int = 0
    produced: int = 0

    @property
    def rate(self) -> float | None:
        return self.produced / self.listed if self.listed else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"listed": self.listed, "produced": self.produced, "rate": self.rate}
