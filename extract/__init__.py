"""xinwen: Chinese news text -> tidy tables of programmes, organizations, dates and numeric claims.

Importing registers the spaCy components (``xinwen_programs``, ``xinwen_organizations``,
``xinwen_dates``, ``xinwen_numerics``, ``xinwen_resolve``); nothing is loaded until used.

- ``Pipeline().run(paths_or_texts)``: the tables as pandas DataFrames with the documented dtypes.
- ``read_tables(folder)``: the CSV tables of a ``xinwen run`` folder, with the same dtypes.
- ``load_schema()``: the data dictionary (each table's columns, types and meanings).
"""
from .mention import Mention
from .numerals import parse_number
from .pipeline import Pipeline
from .schema import load_schema, read_tables

__all__ = ["Mention", "Pipeline", "load_schema", "parse_number", "read_tables"]
__version__ = "0.1.0"
