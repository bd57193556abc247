"""xinwen: Chinese news text -> tidy tables of programmes, organizations, dates and numeric claims.

Importing registers the spaCy components (``xinwen_programs``, ``xinwen_organizations``,
``xinwen_dates``, ``xinwen_numerics``, ``xinwen_resolve``); nothing is loaded until used.
"""
from .mention import Mention
from .numerals import parse_number
from .pipeline import Pipeline

__all__ = ["Mention", "Pipeline", "parse_number"]
__version__ = "0.1.0"
