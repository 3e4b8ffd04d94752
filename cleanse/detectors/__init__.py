"""The detector registry, in the order the pipeline runs them.

Repair-stage detectors (mojibake) run first on the original text; the others
run on the repaired view, so a share line written ``Comparte este artÃculo``
is still recognised as ``Comparte este artículo``.
"""

from __future__ import annotations

from .base import Context, Detector, Hit
from .boilerplate import BoilerplateDetector
from .encoding import EncodingDetector
from .filler import FillerDetector
from .repetition import RepetitionDetector
from .segments import ForeignSegmentDetector
from .synthetic import SyntheticDetector
from .translation import TranslationDetector
from .typography import TypographyDetector

DETECTORS: tuple[Detector, ...] = (
    EncodingDetector(),
    BoilerplateDetector(),
    TranslationDetector(),
    ForeignSegmentDetector(),
    TypographyDetector(),
    RepetitionDetector(),
    FillerDetector(),
    SyntheticDetector(),
)

__all__ = ["DETECTORS", "Context", "Detector", "Hit"]
